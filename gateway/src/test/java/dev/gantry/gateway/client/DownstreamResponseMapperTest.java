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
    @ValueSource(ints = {401, 502, 503, 504})
    void anOutageIsLeftToTheRetriesAndTheCircuitBreaker(int status) {
        assertThat(mapper.handles(status, new MultivaluedHashMap<>())).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aServiceFailingOnOneRequestIsABadGatewayForThatRequestOnly() {
        assertThat(mapper.handles(500, new MultivaluedHashMap<>())).isTrue();
        assertThat(mapper.toThrowable(jakarta.ws.rs.core.Response.serverError().build()).problem().status())
                .isEqualTo(502);
    }
}
