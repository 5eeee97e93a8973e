package io.paymenthub.fineract.simulator.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fineract.simulator.http.FineractErrors;
import io.paymenthub.fineract.simulator.ledger.Amounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fineract's DataValidatorBuilder as the interop module uses it. The interop parsers "merge" a builder into itself
 * after each step, which doubles the list of errors found so far; real Fineract therefore reports the same error
 * two, four or more times depending on where it was found, and so does this class (see {@link #merge()}).
 */
final class DataValidator {

    private final String resource;
    private final List<ObjectNode> errors = new ArrayList<>();

    DataValidator(String resource) {
        this.resource = resource;
    }

    Check check(String parameter, Object value) {
        return new Check(parameter, value);
    }

    /** Fineract's merge of a copy that shares this list: every error so far is appended again. */
    void merge() {
        errors.addAll(new ArrayList<>(errors));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw FineractErrors.validation(errors);
        }
    }

    /** One parameter under validation; like the builder, each rule adds its error and the chain goes on. */
    final class Check {
        private final String parameter;
        private final Object value;
        private boolean ignoreIfNull;

        private Check(String parameter, Object value) {
            this.parameter = parameter;
            this.value = value;
        }

        Check ignoreIfNull() {
            ignoreIfNull = true;
            return this;
        }

        Check notNull() {
            if (value == null && !ignoreIfNull) {
                mandatory();
            }
            return this;
        }

        Check notBlank() {
            if (value == null && ignoreIfNull) {
                return this;
            }
            if (value == null || value.toString().isBlank()) {
                mandatory();
            }
            return this;
        }

        Check zeroOrPositive() {
            if (value != null) {
                BigDecimal number = Amounts.accountStyle(new BigDecimal(value.toString()));
                if (number.signum() < 0) {
                    add("not.zero.or.greater", "The parameter `" + parameter + "` must be greater than or equal to 0.", number, 0);
                }
            }
            return this;
        }

        Check maxLength(int maxLength) {
            if (value != null && value.toString().trim().length() > maxLength) {
                add("exceeds.max.length", "The parameter `" + parameter + "` exceeds max length of " + maxLength + ".", maxLength,
                        value.toString());
            }
            return this;
        }

        Check oneOf(Object... values) {
            if (value == null && ignoreIfNull) {
                return this;
            }
            if (value == null || !Arrays.asList(values).contains(value)) {
                String list = String.join(", ", Arrays.stream(values).map(Object::toString).toList());
                add("is.not.one.of.expected.enumerations", "The parameter `" + parameter + "` must be one of [ " + list + " ] .",
                        value, values);
            }
            return this;
        }

        private void mandatory() {
            add("cannot.be.blank", "The parameter `" + parameter + "` is mandatory.", (Object) null);
        }

        private void add(String suffix, String message, Object... args) {
            errors.add(FineractErrors.parameterError("validation.msg." + resource + "." + parameter + "." + suffix, message, parameter,
                    args));
        }
    }
}
