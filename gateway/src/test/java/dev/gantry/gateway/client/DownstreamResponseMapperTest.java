package dev.gantry.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DownstreamResponseMapperTest {

    private final DownstreamResponseMapper mapper = new DownstreamResponseMapper();

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 409, 413, 422, 501})
    void aServicesAnswerIsPassedOnToTheClient(int status) {
        assertThat(mapper.handles(status, new MultivaluedHashMap<>())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 500, 502, 503, 504})
    void anOutageIsLeftToTheRetriesAndTheCircuitBreaker(int status) {
        assertThat(mapper.handles(status, new MultivaluedHashMap<>())).isFalse();
    }
}
