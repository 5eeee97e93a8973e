package io.paymenthub.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SqlWhereTest {

    enum Colour { RED }

    @Test
    void onlyTheFiltersGivenBecomeConditionsWithTheirValuesInOrder() {
        Instant from = Instant.parse("2026-12-01T00:00:00Z");

        SqlWhere where = new SqlWhere("direction = 'PAYER'").and("tenant = ?", "dfsp1").and("state = ?", null)
                .and("colour = ?", Colour.RED).and("created_at >= ?", from);

        assertThat(where.sql()).isEqualTo(" WHERE direction = 'PAYER' AND tenant = ? AND colour = ? AND created_at >= ?");
        assertThat(where.values()).containsExactly("dfsp1", Colour.RED, from);
    }

    @Test
    void withoutFiltersOnlyTheStandingConditionIsLeft() {
        SqlWhere where = new SqlWhere("1 = 1").and("tenant = ?", null);

        assertThat(where.sql()).isEqualTo(" WHERE 1 = 1");
        assertThat(where.values()).isEmpty();
    }
}
