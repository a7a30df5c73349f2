package org.ralf.executor.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ralf.schemas.command.CommandState;

class CommandTransitionsTest {

    @Test
    void shouldFollowTheDocumentedLifecycle() {
        assertThat(
                        CommandTransitions.allowed(
                                CommandState.RECEIVED, CommandState.AWAITING_APPROVAL))
                .isTrue();
        assertThat(CommandTransitions.allowed(CommandState.RECEIVED, CommandState.RUNNING))
                .isTrue();
        assertThat(CommandTransitions.allowed(CommandState.AWAITING_APPROVAL, CommandState.RUNNING))
                .isTrue();
        assertThat(
                        CommandTransitions.allowed(
                                CommandState.AWAITING_APPROVAL, CommandState.REJECTED))
                .isTrue();
        for (CommandState end :
                new CommandState[] {
                    CommandState.SUCCEEDED,
                    CommandState.FAILED,
                    CommandState.TIMED_OUT,
                    CommandState.UNKNOWN
                }) {
            assertThat(CommandTransitions.allowed(CommandState.RUNNING, end)).isTrue();
            assertThat(CommandTransitions.allowed(CommandState.RECEIVED, end))
                    .as("skip RUNNING to " + end)
                    .isFalse();
        }
    }

    @Test
    void shouldNeverLeaveAFinalState() {
        for (CommandState from : CommandState.values()) {
            if (!from.isFinal()) {
                continue;
            }
            for (CommandState to : CommandState.values()) {
                assertThat(CommandTransitions.allowed(from, to)).as(from + "->" + to).isFalse();
            }
        }
    }

    @Test
    void shouldNotRunARejectedOrWaitingCommandWithoutItsTransition() {
        assertThat(CommandTransitions.allowed(CommandState.RUNNING, CommandState.REJECTED))
                .isFalse();
        assertThat(
                        CommandTransitions.allowed(
                                CommandState.AWAITING_APPROVAL, CommandState.SUCCEEDED))
                .isFalse();
        assertThatThrownBy(
                        () ->
                                CommandTransitions.require(
                                        CommandState.SUCCEEDED, CommandState.RUNNING))
                .isInstanceOf(IllegalStateException.class);
    }
}
