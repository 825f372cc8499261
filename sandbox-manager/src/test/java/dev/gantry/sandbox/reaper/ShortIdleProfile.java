package dev.gantry.sandbox.reaper;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Local process sandboxes idle after a few seconds of real time; the reaper runs only when a test asks. */
public class ShortIdleProfile implements QuarkusTestProfile {

    static final String IDLE_TIMEOUT_SECONDS = "4";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gantry.sandbox.idle-timeout", IDLE_TIMEOUT_SECONDS + "s",
                "gantry.sandbox.reaper.interval", "1h");
    }
}
