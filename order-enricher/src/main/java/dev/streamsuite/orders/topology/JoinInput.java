package dev.streamsuite.orders.topology;

/**
 * What reaches the join processor: an order (its original bytes), or a customer change, which was
 * already written to the versioned store and only moves the task's stream time, so waiting orders are
 * released on either input.
 */
record JoinInput(byte[] order) {

    static final JoinInput CUSTOMER_CHANGE = new JoinInput(null);

    boolean isOrder() {
        return order != null;
    }
}
