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

package io.github.redisutils.batch;

import java.util.List;
import java.util.Optional;

import org.springframework.util.Assert;

/**
 * The results of an executed batch, one per entry, in call order.
 *
 * @param entries the results, in call order
 * @author redis-utils authors
 */
public record BatchResults(List<BatchResult> entries) {

	/**
	 * Create results.
	 * @param entries the results, in call order
	 */
	public BatchResults {
		Assert.notNull(entries, "'entries' must not be null");
		entries = List.copyOf(entries);
	}

	/**
	 * Return how many entries the batch had.
	 * @return the number of results
	 */
	public int size() {
		return this.entries.size();
	}

	/**
	 * Return one entry's result.
	 * @param index the entry's position, from 0
	 * @return its result
	 */
	public BatchResult get(int index) {
		return this.entries.get(index);
	}

	/**
	 * Return a read entry's value.
	 * @param <T> the type
	 * @param index the entry's position, from 0
	 * @param type the type it was read as
	 * @return the value, empty when there was none
	 * @throws io.github.redisutils.core.RedisUtilsException the entry's error
	 */
	public <T> Optional<T> read(int index, Class<T> type) {
		return get(index).read(type);
	}

	/**
	 * Return the results of the entries that failed.
	 * @return the failed entries, in call order
	 */
	public List<BatchResult> failures() {
		return this.entries.stream().filter((entry) -> !entry.succeeded()).toList();
	}

	/**
	 * Return whether every entry succeeded.
	 * @return {@code true} when no entry failed
	 */
	public boolean allSucceeded() {
		return this.entries.stream().allMatch(BatchResult::succeeded);
	}

}
