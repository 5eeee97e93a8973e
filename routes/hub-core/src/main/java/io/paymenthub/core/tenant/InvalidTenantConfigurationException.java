package io.paymenthub.core.tenant;

import java.util.List;

/** A tenant configuration that cannot be used, with every problem found in it. */
public class InvalidTenantConfigurationException extends Exception {

    private final List<String> problems;

    public InvalidTenantConfigurationException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
