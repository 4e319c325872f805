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
import java.time.Instant;
import java.util.Map;

import io.github.redisutils.cache.CacheStore;
import io.github.redisutils.sample.ProductCatalog.Product;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cached endpoints: a product read through {@code @Cacheable}, and a per-workspace report
 * cached with {@link CacheStore} in a namespace that one call invalidates.
 *
 * @author redis-utils authors
 */
@RestController
class ProductController {

	private final ProductCatalog catalog;

	private final CacheStore cacheStore;

	ProductController(ProductCatalog catalog, CacheStore cacheStore) {
		this.catalog = catalog;
		this.cacheStore = cacheStore;
	}

	@GetMapping("/products/{id}")
	Product product(@PathVariable String id) throws InterruptedException {
		return this.catalog.product(id);
	}

	@DeleteMapping("/products/{id}/cache")
	void evict(@PathVariable String id) {
		this.catalog.changed(id);
	}

	@GetMapping("/workspaces/{workspace}/report")
	Map<String, String> report(@PathVariable String workspace) {
		Report report = this.cacheStore.namespace("workspace:" + workspace)
			.getOrLoad("report", Report.class, Duration.ofMinutes(5),
					() -> new Report(workspace, Instant.now().toString()));
		return Map.of("workspace", report.workspace(), "computedAt", report.computedAt());
	}

	@PostMapping("/workspaces/{workspace}/invalidate")
	Map<String, Boolean> invalidate(@PathVariable String workspace) {
		return Map.of("invalidated", this.cacheStore.invalidateNamespace("workspace:" + workspace));
	}

	/**
	 * A report computed per workspace.
	 *
	 * @param workspace the workspace
	 * @param computedAt when it was computed
	 */
	record Report(String workspace, String computedAt) {

	}

}
