package org.ralf.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.serde.Json;

/** The examples shown in docs/schemas.md are the example files the contract test checks. */
class DocsExamplesTest {

    @Test
    void shouldShowEveryExampleFileInTheDocs() throws IOException {
        Path docs = locateDocs();
        assumeTrue(docs != null, "docs/schemas.md not found above the working directory");
        String text = Files.readString(docs);

        for (EventType<?> type : EventTypes.all()) {
            String marker = type.name() + ".v" + type.version();
            Matcher block =
                    Pattern.compile(
                                    "<!-- example: "
                                            + Pattern.quote(marker)
                                            + " -->\\s*```json\\n(.*?)\\n```",
                                    Pattern.DOTALL)
                            .matcher(text);
            assertThat(block.find()).as("example block for %s", marker).isTrue();
            JsonNode shown = Json.mapper().readTree(block.group(1));

            assertThat(shown).as(marker).isEqualTo(example(type));
        }
    }

    private static JsonNode example(EventType<?> type) throws IOException {
        try (InputStream in =
                DocsExamplesTest.class
                        .getClassLoader()
                        .getResourceAsStream(type.exampleResource())) {
            return Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Path locateDocs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("schemas.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
