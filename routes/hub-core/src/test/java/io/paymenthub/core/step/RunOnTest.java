package io.paymenthub.core.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Steps run on where the flow needs no outside answer; anything else, and a step that fails now, goes to its queue. */
class RunOnTest {

    private static final String STEPS = "flow.steps";

    private static Emit step(String state) {
        return Emit.of(STEPS, Map.of("state", state));
    }

    private static Emit toSwitch(String what) {
        return Emit.of("fspiop.outbound", Map.of("what", what));
    }

    @Test
    void aChainOfStepsRunsOnUntilOnlyMessagesForOthersAreLeft() {
        List<String> ran = new ArrayList<>();
        RunOn runOn = new RunOn(STEPS, (headers, redelivered) -> {
            String state = (String) headers.get("state");
            ran.add(state);
            return switch (state) {
                case "QUOTED" -> List.of(step("RESERVED"));
                case "RESERVED" -> List.of(toSwitch("POST /transfers"));
                default -> List.of();
            };
        });

        List<Emit> out = runOn.expand(List.of(step("QUOTED"), Emit.of("channel.events", Map.of("state", "QUOTED"))));

        assertThat(ran).containsExactly("QUOTED", "RESERVED");
        assertThat(out).extracting(Emit::queue).containsExactlyInAnyOrder("channel.events", "fspiop.outbound");
    }

    @Test
    void aStepThatFailsNowGoesToItsQueueForTheBrokerToRetry() {
        RunOn runOn = new RunOn(STEPS, (headers, redelivered) -> {
            throw new IllegalStateException("core banking unavailable");
        });

        List<Emit> out = runOn.expand(List.of(step("QUOTED"), toSwitch("PUT /quotes")));

        assertThat(out).extracting(Emit::queue).containsExactlyInAnyOrder(STEPS, "fspiop.outbound");
        assertThat(out).filteredOn(e -> e.queue().equals(STEPS)).singleElement().satisfies(step -> {
            assertThat(step.headers()).containsEntry("state", "QUOTED");
            // Consumed from the queue, it runs as a redelivery: what its recorded transitions sent may be lost.
            assertThat(step.headers()).containsEntry(RunOn.RETRIED, Boolean.TRUE);
        });
    }

    @Test
    void aStepThatFailedInAnInnerRunOnIsLeftToItsQueueByTheOuterOne() {
        int[] ran = {0};
        RunOn failing = new RunOn(STEPS, (headers, redelivered) -> {
            ran[0]++;
            throw new IllegalStateException("core banking unavailable");
        });

        List<Emit> out = failing.expand(failing.expand(List.of(step("QUOTED"))));

        assertThat(ran[0]).as("tried once, by the inner run-on").isEqualTo(1);
        assertThat(out).singleElement().satisfies(step -> assertThat(step.headers()).containsEntry(RunOn.RETRIED, Boolean.TRUE));
    }

    @Test
    void stepsThatLeadBackToEachOtherStopRunningOnAndGoToTheQueue() {
        int[] ran = {0};
        RunOn runOn = new RunOn(STEPS, (headers, redelivered) -> {
            ran[0]++;
            return List.of(step("AGAIN"));
        });

        List<Emit> out = runOn.expand(List.of(step("AGAIN")));

        assertThat(ran[0]).isEqualTo(RunOn.MAX_STEPS);
        assertThat(out).extracting(Emit::queue).containsExactly(STEPS);
    }
}
