package io.c360.core.identity;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The restricted vault's rows (customer_pii): per customer, the raw names, phones, emails, member ids and account
 * ids of its entities, each set sorted and joined by {@code "; "} (empty when there is none). Raw personal data: for
 * that table only.
 */
public final class Vault {

  private Vault() {
  }

  /**
   * @param contacts {@link IdentityGraph#contacts}: entity_type, entity_key, name, phone, email
   * @param entities entity_type, entity_key, customer_id
   * @return customer_id, names, phones, emails, member_ids, account_ids
   */
  public static Dataset<Row> transform(Dataset<Row> contacts, Dataset<Row> entities) {
    Column memberKey = when(col("entity_type").equalTo(IdentityGraph.MEMBER), col("entity_key"));
    Column accountKey = when(col("entity_type").equalTo(IdentityGraph.ACCOUNT), col("entity_key"));
    return entities.select("entity_type", "entity_key", Columns.CUSTOMER_ID)
        .join(contacts, new String[] {"entity_type", "entity_key"}, "left")
        .groupBy(Columns.CUSTOMER_ID).agg(
            joined(col("name")).as("names"), joined(col("phone")).as("phones"), joined(col("email")).as("emails"),
            joined(memberKey).as("member_ids"), joined(accountKey).as("account_ids"));
  }

  private static Column joined(Column values) {
    return concat_ws("; ", array_sort(collect_set(values)));
  }
}
