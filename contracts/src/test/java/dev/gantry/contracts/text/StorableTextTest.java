package dev.gantry.contracts.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorableTextTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new StorableTextModule());

    record Body(String title, List<String> names, Map<String, String> headers) {
    }

    @Test
    void textWithoutNulAndWithPairedSurrogatesIsStorable() {
        assertThat(StorableText.problem("plain, accented é, emoji \uD83D\uDE80")).isEmpty();
        assertThat(StorableText.problem(null)).isEmpty();
    }

    @Test
    void nulAndUnpairedSurrogatesAreNotStorableAndTheReasonSaysWhere() {
        assertThat(StorableText.problem("a\u0000b")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("NUL").contains("index 1"));
        assertThat(StorableText.problem("x\uD800")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("U+D800").contains("index 1"));
        assertThat(StorableText.problem("\uDC00y")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("U+DC00").contains("index 0"));
    }

    @Test
    void aBodyWithNulInAnyStringFailsAtThatField() {
        assertThatThrownBy(() -> mapper.readValue("{\"title\": \"a\\u0000\"}", Body.class))
                .isInstanceOfSatisfying(JsonMappingException.class, e -> {
                    assertThat(e.getPath()).extracting(JsonMappingException.Reference::getFieldName)
                            .containsExactly("title");
                    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("NUL");
                });
        assertThatThrownBy(() -> mapper.readValue("{\"names\": [\"ok\", \"\\ud800\"]}", Body.class))
                .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(e.getPath())
                        .extracting(JsonMappingException.Reference::getIndex).containsExactly(-1, 1));
        assertThatThrownBy(() -> mapper.readValue("{\"headers\": {\"X-\\u0000\": \"v\"}}", Body.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("NUL");
    }

    @Test
    void storableBodiesReadAsBefore() throws Exception {
        Body body = mapper.readValue("{\"title\": \"t \\ud83d\\ude80\", \"names\": [\"a\"], \"headers\": {\"k\": \"v\"}}",
                Body.class);
        assertThat(body.title()).isEqualTo("t \uD83D\uDE80");
        assertThat(body.headers()).containsEntry("k", "v");
    }

    @Test
    void repairedTextReplacesWhatCannotBeStoredAndKeepsTheRest() {
        assertThat(StorableText.repaired("a\u0000b\uD800c\uD83D\uDE80")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE80");
        String fine = "nothing to repair";
        assertThat(StorableText.repaired(fine)).isSameAs(fine);
    }

    @Test
    void theRepairingWriterWritesStorableJsonForAnyString() throws Exception {
        ObjectMapper writer = new ObjectMapper().registerModule(StorableTextModule.repairing());
        String json = writer.writeValueAsString(new Body("out\u0000put", List.of("\uDC00"), Map.of("k\u0000", "v")));
        assertThat(json).doesNotContain("\\u0000").contains("out\uFFFDput").contains("k\uFFFD");
        assertThat(StorableText.storable(new ObjectMapper().readValue(json, Body.class).title())).isTrue();
    }

    @Test
    void theRepairingReaderKeepsAnEventWithBadTextAsReplacementCharacters() throws Exception {
        ObjectMapper reader = new ObjectMapper().registerModule(StorableTextModule.repairingReads());
        Body body = reader.readValue("{\"title\": \"a\\u0000b\", \"headers\": {\"\\ud800\": \"v\"}}", Body.class);
        assertThat(body.title()).isEqualTo("a\uFFFDb");
        assertThat(body.headers()).containsOnlyKeys("\uFFFD");
    }
}
