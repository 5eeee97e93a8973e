package io.paymenthub.fineract.simulator;

import io.paymenthub.fineract.simulator.ledger.InteropLookup;

/** {@link SavingsApiTest} again, each transfer's interop bookings found by index: the same answers as Fineract's scan. */
@SimulatorTest.Lookup(InteropLookup.INDEX)
class SavingsApiIndexedTest extends SavingsApiTest {
}
