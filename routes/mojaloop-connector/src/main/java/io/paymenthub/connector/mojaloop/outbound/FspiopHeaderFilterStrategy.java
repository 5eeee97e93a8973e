package io.paymenthub.connector.mojaloop.outbound;

import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Which message headers become HTTP headers toward the switch: every one the request processor
 * set (FSPIOP's own, Date included), never Camel's internal ones nor those the HTTP client
 * manages itself.
 */
public class FspiopHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    public FspiopHeaderFilterStrategy() {
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setLowerCase(true);
        getOutFilter().add("content-length");
        getOutFilter().add("host");
        getOutFilter().add("connection");
        getOutFilter().add("transfer-encoding");
        getOutFilter().add("keep-alive");
        getOutFilter().add("upgrade");
    }
}
