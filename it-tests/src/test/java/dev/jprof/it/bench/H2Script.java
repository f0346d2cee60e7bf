package dev.jprof.it.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A program like H2's RunScript: one busy thread running a script of inserts, indexed selects, joins and
 * aggregates against an in-memory H2 database for the given milliseconds. Prints {@code h2 done} and a checksum.
 */
public final class H2Script {
    private H2Script() {
    }

    public static void main(String[] args) throws Exception {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 10_000;
        long end = System.nanoTime() + millis * 1_000_000L;
        long checksum = 0;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE customer(id INT PRIMARY KEY, name VARCHAR(40), region INT)");
                s.execute("CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT, amount DECIMAL(12,2), order_day INT)");
                s.execute("CREATE INDEX orders_customer ON orders(customer_id)");
            }
            int nextOrder = 0;
            for (int round = 0; System.nanoTime() < end; round++) {
                nextOrder = insert(c, round, nextOrder);
                checksum += query(c, round);
            }
        }
        System.out.println("h2 done " + checksum);
    }

    private static int insert(Connection c, int round, int nextOrder) throws Exception {
        try (PreparedStatement cu = c.prepareStatement("MERGE INTO customer KEY(id) VALUES(?, ?, ?)");
             PreparedStatement or = c.prepareStatement("INSERT INTO orders VALUES(?, ?, ?, ?)")) {
            for (int i = 0; i < 200; i++) {
                int id = (round * 200 + i) % 5_000;
                cu.setInt(1, id);
                cu.setString(2, "customer " + id);
                cu.setInt(3, id % 17);
                cu.executeUpdate();
                or.setInt(1, nextOrder++);
                or.setInt(2, id);
                or.setBigDecimal(3, java.math.BigDecimal.valueOf((nextOrder * 7919L) % 100_000, 2));
                or.setInt(4, nextOrder % 365);
                or.executeUpdate();
            }
        }
        return nextOrder;
    }

    private static long query(Connection c, int round) throws Exception {
        long sum = 0;
        try (PreparedStatement byId = c.prepareStatement("SELECT name FROM customer WHERE id = ?");
             PreparedStatement join = c.prepareStatement("SELECT c.region, COUNT(*), SUM(o.amount) FROM customer c"
                     + " JOIN orders o ON o.customer_id = c.id WHERE c.region = ? GROUP BY c.region");
             PreparedStatement range = c.prepareStatement("SELECT COUNT(*) FROM orders WHERE order_day BETWEEN ? AND ?")) {
            for (int i = 0; i < 100; i++) {
                byId.setInt(1, (round * 31 + i * 7) % 5_000);
                try (ResultSet r = byId.executeQuery()) {
                    sum += r.next() ? r.getString(1).length() : 0;
                }
            }
            join.setInt(1, round % 17);
            try (ResultSet r = join.executeQuery()) {
                while (r.next()) {
                    sum += r.getLong(2);
                }
            }
            range.setInt(1, round % 300);
            range.setInt(2, round % 300 + 30);
            try (ResultSet r = range.executeQuery()) {
                sum += r.next() ? r.getLong(1) : 0;
            }
        }
        return sum;
    }
}
