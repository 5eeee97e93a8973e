package io.paymenthub.core.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.core.health.HealthReport;
import io.paymenthub.core.health.HealthReporter;

/** Writes the health report as JSON with 200 when everything is UP and 503 otherwise. */
public class HealthReportProcessor implements Processor {

    private final HealthReporter reporter;
    private final ObjectMapper mapper = new ObjectMapper();

    public HealthReportProcessor(HealthReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        HealthReport report = reporter.report();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, report.httpStatus());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(mapper.writeValueAsString(report));
    }
}
