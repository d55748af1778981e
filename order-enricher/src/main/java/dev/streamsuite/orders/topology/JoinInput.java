package dev.streamsuite.orders.topology;

import dev.streamsuite.model.Order;

/**
 * What reaches the join processor: an order, or a customer change, which was already written to the
 * versioned store and only moves the task's stream time, so waiting orders are released on either input.
 */
record JoinInput(Order order) {

    static final JoinInput CUSTOMER_CHANGE = new JoinInput(null);
}
