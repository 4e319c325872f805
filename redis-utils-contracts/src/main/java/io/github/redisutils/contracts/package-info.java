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

/**
 * Contract test suites: abstract JUnit 5 classes that state, as tests, what an
 * implementation of a redis-utils interface must do. Extend one, return your
 * implementation, and run it, as ShedLock's {@code AbstractLockProviderIntegrationTest}
 * is used for lock providers.
 */
@NullMarked
package io.github.redisutils.contracts;

import org.jspecify.annotations.NullMarked;
