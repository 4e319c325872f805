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

package io.github.redisutils.test;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A value created on first use and then shared. A failure is remembered too, so that a
 * server that cannot start fails every test that needs it quickly and with the same cause
 * instead of being started again and again.
 *
 * @param <T> the type of the value
 */
final class Lazy<T> {

	private final Supplier<T> factory;

	private @Nullable T value;

	private @Nullable RuntimeException failure;

	Lazy(Supplier<T> factory) {
		this.factory = factory;
	}

	synchronized T get() {
		if (this.value != null) {
			return this.value;
		}
		if (this.failure != null) {
			throw new IllegalStateException(this.failure.getMessage(), this.failure);
		}
		try {
			T created = this.factory.get();
			this.value = created;
			return created;
		}
		catch (RuntimeException ex) {
			this.failure = ex;
			throw ex;
		}
	}

}
