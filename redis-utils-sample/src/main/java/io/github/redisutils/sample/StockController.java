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

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stock reservations under a distributed lock: {@code PUT /stock/{sku}?quantity=10} sets
 * the stock, {@code POST /stock/{sku}/reservations?quantity=1} reserves (409 when sold
 * out), {@code GET /stock/{sku}} reads it.
 *
 * @author redis-utils authors
 */
@RestController
class StockController {

	private final StockService stock;

	StockController(StockService stock) {
		this.stock = stock;
	}

	@PutMapping("/stock/{sku}")
	Map<String, Object> set(@PathVariable String sku, @RequestParam long quantity) {
		this.stock.set(sku, quantity);
		return Map.of("sku", sku, "stock", quantity);
	}

	@GetMapping("/stock/{sku}")
	Map<String, Object> get(@PathVariable String sku) {
		return Map.of("sku", sku, "stock", this.stock.get(sku));
	}

	@PostMapping("/stock/{sku}/reservations")
	ResponseEntity<Map<String, Object>> reserve(@PathVariable String sku,
			@RequestParam(defaultValue = "1") long quantity) {
		long left = this.stock.reserve(sku, quantity);
		if (left < 0) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("sku", sku, "error", "sold out"));
		}
		return ResponseEntity.ok(Map.of("sku", sku, "reserved", quantity, "stock", left));
	}

}
