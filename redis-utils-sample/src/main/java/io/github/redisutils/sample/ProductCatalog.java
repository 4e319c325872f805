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

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * A slow product lookup, cached in Redis. {@code sync = true} makes concurrent misses of
 * one product, across every instance of the application, load it once.
 *
 * @author redis-utils authors
 */
@Service
class ProductCatalog {

	private final AtomicInteger loads = new AtomicInteger();

	@Cacheable(cacheNames = "products", sync = true)
	public Product product(String id) throws InterruptedException {
		// Stands for a slow database query or remote call.
		Thread.sleep(200);
		return new Product(id, "Product " + id, Instant.now().toString(), this.loads.incrementAndGet());
	}

	@CacheEvict("products")
	public void changed(String id) {
	}

	/**
	 * A product as the catalog returns it.
	 *
	 * @param id the product's id
	 * @param name its name
	 * @param loadedAt when it was loaded from the slow source
	 * @param load how many loads this instance has run so far
	 */
	record Product(String id, String name, String loadedAt, int load) {

	}

}
