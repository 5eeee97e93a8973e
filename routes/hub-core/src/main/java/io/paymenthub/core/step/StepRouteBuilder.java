package io.paymenthub.core.step;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Message;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

import io.paymenthub.core.cluster.Singletons;

/**
 * The routes of a journalled flow, the same for every flow: one transacted consumer per kind of
 * input ({@code <flow>-<input>}), the flow's deadline check on a timer ({@code <flow>-deadlines}),
 * and {@code <flow>-emit}, which sends the {@link Emit}s a processor left as its body in the JMS
 * transaction of the message taken (or at once, those an {@link AtOnce} takes): that message is
 * consumed only if they are sent. A processor
 * records its transition before it returns, so a crash between the two redelivers the message and
 * the journal says what was already done.
 *
 * <p>Settings (placeholders of the flow's context): {@code <flow>.consumers},
 * {@code <flow>.deadlineCheckMillis}.
 */
public class StepRouteBuilder extends RouteBuilder {

    /** @param named null, or what copies the record's id into its header before {@code processor} */
    private record Input(String name, String queue, Predicate only, Processor named, Processor processor) {
    }

    private final String flow;
    private final List<Input> inputs = new ArrayList<>();
    private Processor deadlines;
    private Processor runOn = exchange -> { };
    private List<? extends AtOnce> atOnce = List.of();

    protected StepRouteBuilder(String flow) {
        this.flow = flow;
    }

    /**
     * The header a callback of the switch carries: the id of the record its request was sent for
     * (the Mojaloop connector's {@code OutboundMessage.CORRELATION}).
     */
    public static final String CALLBACK_CORRELATION = "fspiopCorrelation";

    /** Messages of {@code queue} handled by {@code processor}, in the route {@code <flow>-<name>}. */
    protected final StepRouteBuilder input(String name, String queue, Processor processor) {
        return input(name, queue, null, processor);
    }

    /**
     * As {@link #input(String, String, Processor)}, for the switch's callbacks: the record's id, which
     * a callback carries as its correlation, is copied into {@code idHeader} first, so that every log
     * line of the callback's steps names the record (the log context reads the flows' id headers).
     */
    protected final StepRouteBuilder callbacks(String name, String queue, String idHeader, Processor processor) {
        Processor named = exchange -> {
            Message message = exchange.getMessage();
            String id = message.getHeader(CALLBACK_CORRELATION, String.class);
            if (id != null && message.getHeader(idHeader) == null) {
                message.setHeader(idHeader, id);
            }
        };
        inputs.add(new Input(name, queue, null, named, processor));
        return this;
    }

    /** As {@link #input(String, String, Processor)}, for the messages {@code only} matches; the others are consumed unread. */
    protected final StepRouteBuilder input(String name, String queue, Predicate only, Processor processor) {
        inputs.add(new Input(name, queue, only, null, processor));
        return this;
    }

    /**
     * The flow's own steps: messages of {@code queue} run by {@code runner} in the route
     * {@code <flow>-step}, and the step messages any input leads to run on at once ({@link RunOn}).
     */
    protected final StepRouteBuilder steps(String queue, StepRunner runner) {
        this.runOn = new RunOn(queue, runner);
        return input("step", queue, exchange -> exchange.getMessage().setBody(runner.run(exchange.getMessage().getHeaders(),
                Redelivery.isRedelivered(exchange.getMessage())
                        || Boolean.TRUE.equals(exchange.getMessage().getHeader(RunOn.RETRIED, Boolean.class)))));
    }

    /**
     * What may take the flow's Emits without their queue ({@link AtOnce}): in the distribution, the
     * Mojaloop connector's sender to the switch, a live list of OSGi services. None by default.
     */
    public void setAtOnce(List<? extends AtOnce> atOnce) {
        this.atOnce = atOnce;
    }

    protected final StepRouteBuilder deadlines(Processor check) {
        this.deadlines = check;
        return this;
    }

    @Override
    public void configure() {
        String emit = "direct:" + flow + "-emit";
        for (Input input : inputs) {
            RouteDefinition route = from("jms:queue:" + input.queue() + "?transacted=true&concurrentConsumers={{" + flow + ".consumers}}")
                    .routeId(flow + "-" + input.name());
            if (input.named() != null) {
                route.process(input.named()).process(input.processor()).process(runOn).to(emit);
            } else if (input.only() == null) {
                route.process(input.processor()).process(runOn).to(emit);
            } else {
                route.filter(input.only()).process(input.processor()).process(runOn).to(emit).end();
            }
        }
        if (deadlines != null) {
            // One node of a cluster checks the deadlines at a time: the others would find the same records.
            from(Singletons.oneNodeAtATime(getContext(), flow + "-deadlines", "timer:" + flow + "-deadlines?period={{" + flow
                    + ".deadlineCheckMillis}}&delay={{" + flow + ".deadlineCheckMillis}}"))
                    .routeId(flow + "-deadlines")
                    .process(deadlines)
                    .process(runOn)
                    .to(emit);
        }
        Emit.sendEach(from(emit).routeId(flow + "-emit"), atOnce);
    }
}
