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

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.lock.DistributedLock;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Keeps stock levels in Redis and reserves stock under a distributed lock per SKU. The
 * read-check-write in {@link #reserve} is deliberately not atomic in Redis: the lock is
 * what keeps concurrent requests, on any number of instances, from overselling.
 *
 * @author redis-utils authors
 */
@Service
public class StockService {

	private final StringRedisTemplate redis;

	private final RedisKeys.FeatureKeys keys;

	StockService(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = redis;
		this.keys = keys.feature("stock");
	}

	/**
	 * Set the stock of a SKU.
	 * @param sku the SKU
	 * @param quantity the stock
	 */
	public void set(String sku, long quantity) {
		this.redis.opsForValue().set(this.keys.key(sku), Long.toString(quantity));
	}

	/**
	 * Return the stock of a SKU.
	 * @param sku the SKU
	 * @return the stock, 0 if never set
	 */
	public long get(String sku) {
		String value = this.redis.opsForValue().get(this.keys.key(sku));
		return (value != null) ? Long.parseLong(value) : 0;
	}

	/**
	 * Reserve stock if enough is left.
	 * @param sku the SKU
	 * @param quantity how much to reserve
	 * @return the stock left after the reservation, or -1 if not enough was left
	 */
	@DistributedLock(key = "'stock:' + #sku", waitTime = "5s")
	public long reserve(String sku, long quantity) {
		long available = get(sku);
		if (available < quantity) {
			return -1;
		}
		long left = available - quantity;
		set(sku, left);
		return left;
	}

}
