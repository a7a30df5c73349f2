package org.ralf.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One NAB application profile: the weights of a true positive, a false positive and a false
 * negative. NAB ships three ({@code standard}, {@code reward_low_FP_rate}, {@code
 * reward_low_FN_rate}); {@link #defaults()} returns them, {@link #load(Path)} reads a {@code
 * profiles.json}.
 *
 * @param name profile name as in NAB
 * @param tpWeight weight of a detected window (A_TP)
 * @param fpWeight weight of a false positive (A_FP)
 * @param fnWeight weight of a missed window (A_FN)
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

    /** Name of NAB's standard profile. */
    public static final String STANDARD = "standard";

    /** Name of NAB's profile that rewards a low false-positive rate. */
    public static final String LOW_FP = "reward_low_FP_rate";

    /** Name of NAB's profile that rewards a low false-negative rate. */
    public static final String LOW_FN = "reward_low_FN_rate";

    /** NAB's three published profiles, in the order standard, low-FP, low-FN. */
    public static List<NabProfile> defaults() {
        return List.of(
                new NabProfile(STANDARD, 1.0, 0.11, 1.0),
                new NabProfile(LOW_FP, 1.0, 0.22, 1.0),
                new NabProfile(LOW_FN, 1.0, 0.11, 2.0));
    }

    /**
     * Reads NAB's {@code profiles.json} ({@code {name: {CostMatrix: {tpWeight, fpWeight,
     * fnWeight}}}}).
     */
    public static List<NabProfile> load(Path profilesJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(profilesJson));
        List<NabProfile> profiles = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode cm = e.getValue().path("CostMatrix");
            profiles.add(
                    new NabProfile(
                            e.getKey(),
                            cm.path("tpWeight").asDouble(1.0),
                            cm.path("fpWeight").asDouble(0.11),
                            cm.path("fnWeight").asDouble(1.0)));
        }
        return profiles;
    }
}
