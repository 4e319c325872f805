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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.github.redisutils.values.RedisValues;
import io.github.redisutils.values.ValueExpiry;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Shows atomic values: a visit counter per day that expires by itself, and a shared
 * banner text changed with compare-and-set so two editors never overwrite each other.
 *
 * @author redis-utils authors
 */
@RestController
class ValuesController {

	private final RedisValues values;

	ValuesController(RedisValues values) {
		this.values = values;
	}

	@PostMapping("/values/visits")
	Map<String, Object> visit() {
		String day = LocalDate.now(ZoneOffset.UTC).toString();
		// The TTL is set when the day's counter is created; later visits keep it
		long visits = this.values.increment("visits:" + day, 1, ValueExpiry.onCreate(Duration.ofDays(2)));
		return Map.of("day", day, "visits", visits);
	}

	@GetMapping("/values/banner")
	Map<String, Object> banner() {
		return Map.of("text", this.values.get("banner", String.class).orElse(""));
	}

	@PutMapping("/values/banner")
	Map<String, Object> changeBanner(@RequestParam String expected, @RequestParam String text) {
		boolean changed = expected.isEmpty() ? this.values.setIfAbsent("banner", text, ValueExpiry.never())
				: this.values.compareAndSet("banner", expected, text, ValueExpiry.keep());
		if (!changed) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "The banner was changed meanwhile: reload it");
		}
		return Map.of("text", text);
	}

}
