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
package io.github.redisutils.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Where the features' meters go: the application's {@link MeterRegistry} when it has one
 * (Spring Boot's metrics auto-configuration defines it with Actuator), else a registry
 * that records nothing, so that feature code never has to check.
 *
 * @author redis-utils authors
 */
final class MeterRegistries {

	private MeterRegistries() {
	}

	static MeterRegistry applicationOrNoop(ObjectProvider<MeterRegistry> meterRegistry) {
		// A composite without child registries accepts meters and records nothing.
		return meterRegistry.getIfAvailable(CompositeMeterRegistry::new);
	}

}
