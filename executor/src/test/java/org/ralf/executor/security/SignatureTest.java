package org.ralf.executor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.executor.TestCommands;
import org.ralf.executor.engine.CommandProcessor;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandSigner;

/** The executor's verifier built from configuration: rotation, forgery, tampering. */
class SignatureTest {

    private final CommandSigner verifier =
            CommandProcessor.signer(
                    TestCommands.config(
                            Path.of("/w"), Path.of("/a"), Path.of("/t"), "tofu", null, null));

    private final ActionCommand unsigned =
            TestCommands.command(
                    "inc-7:restart:1",
                    ActionKind.ANSIBLE,
                    "write-marker",
                    "web1",
                    Map.of("message", "hi"));

    @Test
    void shouldAcceptCommandsSignedWithEitherConfiguredKey() {
        assertThat(verifier.verify(TestCommands.signer().sign(unsigned, TestCommands.KEY_ID)))
                .isTrue();
        assertThat(verifier.verify(TestCommands.signer().sign(unsigned, TestCommands.OLD_KEY_ID)))
                .isTrue();
    }

    @Test
    void shouldRejectMissingForgedAndUnknownKeySignatures() {
        assertThat(verifier.verify(unsigned)).isFalse();
        CommandSigner attacker =
                new CommandSigner(
                        Map.of(TestCommands.KEY_ID, "guessed".getBytes(StandardCharsets.UTF_8)));
        assertThat(verifier.verify(attacker.sign(unsigned, TestCommands.KEY_ID))).isFalse();
        CommandSigner unknown =
                new CommandSigner(
                        Map.of(
                                "k-unknown",
                                TestCommands.KEY_SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(verifier.verify(unknown.sign(unsigned, "k-unknown"))).isFalse();
    }

    @Test
    void shouldRejectATamperedCommand() {
        ActionCommand good = TestCommands.signed(unsigned);
        Map<String, Object> params = new HashMap<>(good.params());
        params.put("message", "changed");
        ActionCommand tampered =
                new ActionCommand(
                        good.schemaVersion(),
                        good.commandId(),
                        good.idempotencyKey(),
                        good.issuedAt(),
                        good.kind(),
                        good.action(),
                        good.target(),
                        params,
                        good.dryRun(),
                        good.requiresApproval(),
                        good.idempotent(),
                        good.timeoutSeconds(),
                        good.incidentId(),
                        good.decisionId(),
                        good.reason(),
                        good.keyId(),
                        good.signature());
        assertThat(verifier.verify(tampered)).isFalse();
    }
}
