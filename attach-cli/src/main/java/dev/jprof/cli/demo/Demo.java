package dev.jprof.cli.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The built-in demo that {@code jprof} profiles when run with no arguments: a small "order report"
 * job that spends its time computing, sorting, formatting, sleeping on I/O and waiting for a future.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        System.out.println("jprof demo: building " + rounds + " order reports...");
        long checksum = 0;
        for (int round = 0; round < rounds; round++) {
            List<Order> orders = loadOrders(60_000, round);
            checksum += priceOrders(orders);
            sortOrders(orders);
            checksum += formatReport(orders).length();
            fetchExchangeRates();
            checksum += awaitAuditService();
        }
        System.out.println("jprof demo: done (checksum " + checksum + ")");
    }

    static final class Order implements Comparable<Order> {
        final long id;
        final double amount;
        final String customer;

        Order(long id, double amount, String customer) {
            this.id = id;
            this.amount = amount;
            this.customer = customer;
        }

        @Override
        public int compareTo(Order o) {
            int c = customer.compareTo(o.customer);
            return c != 0 ? c : Double.compare(amount, o.amount);
        }
    }

    static List<Order> loadOrders(int n, int seed) {
        Random random = new Random(seed);
        List<Order> orders = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            orders.add(new Order(i, random.nextDouble() * 1000, "customer-" + random.nextInt(5000)));
        }
        return orders;
    }

    static long priceOrders(List<Order> orders) {
        long total = 0;
        for (Order o : orders) {
            total += taxFor(o.amount);
        }
        return total;
    }

    static long taxFor(double amount) {
        // Deliberately slow: the hot spot the demo's report should point at.
        double tax = 0;
        for (int i = 1; i < 400; i++) {
            tax += Math.sqrt(amount * i) / i;
        }
        return (long) tax;
    }

    static void sortOrders(List<Order> orders) {
        Collections.sort(orders);
    }

    static String formatReport(List<Order> orders) {
        StringBuilder out = new StringBuilder();
        for (Order o : orders) {
            out.append(String.format("%08d %-14s %10.2f%n", o.id, o.customer, o.amount));
        }
        return out.toString();
    }

    static void fetchExchangeRates() throws InterruptedException {
        Thread.sleep(150); // stands for a slow network call
    }

    static long awaitAuditService() {
        return CompletableFuture.supplyAsync(Demo::audit).join();
    }

    private static long audit() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }
}
