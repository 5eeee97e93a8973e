package io.paymenthub.flow.request;

/** Which side of a request to pay a tenant is on: it asks for the money (PAYEE), or is asked (PAYER). */
public enum RequestRole { PAYEE, PAYER }
