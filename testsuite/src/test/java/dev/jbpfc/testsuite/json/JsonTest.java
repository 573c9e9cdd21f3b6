package dev.jbpfc.testsuite.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesWhatBpfrunPrints() {
        Map<String, Object> m = Json.parseObject(
                "{\"prog\":\"x\",\"loaded\":false,\"errno\":13,\"processed\":null,\"r\":1.5,"
                        + "\"log\":[\"a \\\"q\\\"\",\"\\u00e9\\n\"],\"maps\":[]}");
        assertEquals("x", m.get("prog"));
        assertEquals(Boolean.FALSE, m.get("loaded"));
        assertEquals(13L, m.get("errno"));
        assertEquals(null, m.get("processed"));
        assertEquals(1.5, m.get("r"));
        assertEquals(List.of("a \"q\"", "\u00e9\n"), m.get("log"));
        assertEquals(List.of(), m.get("maps"));
        assertEquals(-42L, Json.parse(" -42 "));
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} {}"));
    }

    @Test
    void writesWhatItReads() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "tab\there \"q\"");
        m.put("n", 3L);
        m.put("ratio", 0.25);
        m.put("list", List.of(1L, 2L));
        m.put("nested", List.of(Map.of("k", true)));
        m.put("none", null);
        assertEquals(m, Json.parse(Json.write(m)));
    }
}
