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
package io.github.redisutils.cache;

/**
 * Carries an exception thrown by a loader through the cache engine, so that each API can
 * report it its own way ({@code Cache.ValueRetrievalException} for Spring,
 * {@link CacheLoadException} or the loader's own runtime exception for
 * {@link CacheStore}).
 *
 * @author redis-utils authors
 */
final class LoaderFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	LoaderFailure(Throwable cause) {
		super(cause.getMessage(), cause, false, false);
	}

}
