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

package io.github.redisutils.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisutils.batch.BatchResults;
import io.github.redisutils.batch.RedisBatch;
import io.github.redisutils.batch.RedisBatches;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows batches: prices of many products written and read in one round trip, whatever
 * their number.
 *
 * @author redis-utils authors
 */
@RestController
class BatchController {

	private static final Duration PRICE_TTL = Duration.ofHours(1);

	private final RedisBatches batches;

	BatchController(RedisBatches batches) {
		this.batches = batches;
	}

	@PutMapping("/batch/prices")
	Map<String, Object> putPrices(@RequestBody Map<String, Long> prices) {
		RedisBatch batch = this.batches.batch();
		prices.forEach((sku, cents) -> batch.set("price:" + sku, cents, PRICE_TTL));
		BatchResults results = batch.execute();
		return Map.of("written", results.size() - results.failures().size());
	}

	@GetMapping("/batch/prices")
	Map<String, Object> prices(@RequestParam List<String> skus) {
		RedisBatch batch = this.batches.batch();
		skus.forEach((sku) -> batch.get("price:" + sku, Long.class));
		BatchResults results = batch.execute();
		Map<String, Object> prices = new LinkedHashMap<>();
		for (int i = 0; i < skus.size(); i++) {
			// An entry that failed (a key of another type) reads as unknown, the others
			// stand
			prices.put(skus.get(i), results.get(i).succeeded() ? results.read(i, Long.class).orElse(null) : null);
		}
		return prices;
	}

}
