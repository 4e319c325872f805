/*
 * Copyright 2026 the redis-utils authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.redisutils.core.codec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Values and keys shared by the codec tests.
 *
 * @author redis-utils authors
 */
final class TestValues {

	private TestValues() {
	}

	static Order order(int number) {
		return new Order("order-" + number, "customer-" + (number % 97),
				List.of(new Line("sku-" + (number % 13), 1 + number % 5), new Line("sku-42", 2)),
				new BigDecimal("19.99").add(BigDecimal.valueOf(number)), Instant.ofEpochSecond(1_700_000_000L + number),
				Status.values()[number % Status.values().length]);
	}

	/**
	 * A list of orders whose JSON is about {@code 180 * count} bytes long.
	 * @param count how many orders
	 * @return the orders
	 */
	static List<Order> orders(int count) {
		List<Order> orders = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			orders.add(order(i));
		}
		return orders;
	}

	static SecretKey key(int seed, int length) {
		byte[] raw = new byte[length];
		Arrays.fill(raw, (byte) seed);
		raw[0] = (byte) length;
		return new SecretKeySpec(raw, "AES");
	}

	enum Status {

		NEW, PAID, SHIPPED

	}

	record Line(String sku, int quantity) {
	}

	record Order(String id, String customer, List<Line> lines, BigDecimal total, Instant createdAt, Status status) {
	}

}
