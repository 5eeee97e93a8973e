package io.paymenthub.fspiop;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** FSPIOP {@code ErrorInformationObject}: the wrapper {@code {"errorInformation":{...}}} of error bodies. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorInformationObject(ErrorInformation errorInformation) {
}
