package org.ralf.executor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.executor.TestCommands;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;

class CommandValidatorTest {

    private final CommandValidator validator = new CommandValidator(Duration.ofMinutes(10));

    @Test
    void shouldAcceptAWellFormedCommand() {
        assertThat(
                        validator.problems(
                                TestCommands.command(
                                        "inc-1:restart:1",
                                        ActionKind.NOTIFY,
                                        "notify",
                                        "web1",
                                        Map.of())))
                .isEmpty();
    }

    @Test
    void shouldReportMissingFieldsAndOutOfRangeTimeout() {
        ActionCommand c =
                new ActionCommand(
                        2,
                        "",
                        "key with space",
                        null,
                        null,
                        "",
                        "t",
                        null,
                        false,
                        false,
                        false,
                        100_000,
                        null,
                        null,
                        null,
                        null,
                        null);
        assertThat(validator.problems(c))
                .anyMatch(p -> p.contains("schemaVersion"))
                .anyMatch(p -> p.contains("commandId"))
                .anyMatch(p -> p.contains("idempotencyKey"))
                .anyMatch(p -> p.contains("issuedAt"))
                .anyMatch(p -> p.contains("kind"))
                .anyMatch(p -> p.contains("timeoutSeconds"))
                .anyMatch(p -> p.contains("keyId"));
    }

    @Test
    void shouldRoundTripCommandsAndRejectUnknownFields() throws Exception {
        ActionCommand c =
                TestCommands.signed(
                        TestCommands.command(
                                "k",
                                ActionKind.ANSIBLE,
                                "write-marker",
                                "web1",
                                Map.of("n", 1, "s", "x")));
        ActionCommand back = CommandCodec.command(CommandCodec.bytes(c));
        assertThat(back).isEqualTo(c);
        assertThat(TestCommands.signer().verify(back)).isTrue();

        String json =
                new String(CommandCodec.bytes(c), StandardCharsets.UTF_8)
                        .replaceFirst("\\{", "{\"unsigned\":true,");
        assertThatThrownBy(() -> CommandCodec.command(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(java.io.IOException.class);
    }
}
