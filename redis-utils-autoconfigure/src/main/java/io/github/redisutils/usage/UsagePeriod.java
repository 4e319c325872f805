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

package io.github.redisutils.usage;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A period usage is counted in: calendar hours, days and months of a time zone.
 *
 * @author redis-utils authors
 */
public enum UsagePeriod {

	/**
	 * A calendar hour.
	 */
	HOUR("hour", DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHXXX")) {
		@Override
		ZonedDateTime start(ZonedDateTime at) {
			return at.truncatedTo(ChronoUnit.HOURS);
		}

		@Override
		ZonedDateTime next(ZonedDateTime start) {
			return start.plusHours(1);
		}
	},

	/**
	 * A calendar day.
	 */
	DAY("day", DateTimeFormatter.ofPattern("uuuu-MM-dd")) {
		@Override
		ZonedDateTime start(ZonedDateTime at) {
			return at.toLocalDate().atStartOfDay(at.getZone());
		}

		@Override
		ZonedDateTime next(ZonedDateTime start) {
			return start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
		}
	},

	/**
	 * A calendar month.
	 */
	MONTH("month", DateTimeFormatter.ofPattern("uuuu-MM")) {
		@Override
		ZonedDateTime start(ZonedDateTime at) {
			return at.toLocalDate().withDayOfMonth(1).atStartOfDay(at.getZone());
		}

		@Override
		ZonedDateTime next(ZonedDateTime start) {
			return start.toLocalDate().plusMonths(1).atStartOfDay(start.getZone());
		}
	};

	private final String key;

	private final DateTimeFormatter id;

	UsagePeriod(String key, DateTimeFormatter id) {
		this.key = key;
		this.id = id;
	}

	/**
	 * The period's name in keys and properties: {@code hour}, {@code day}, {@code month}.
	 * @return the name
	 */
	public String key() {
		return this.key;
	}

	/**
	 * The period of this kind that holds an instant.
	 * @param at the instant
	 * @param zone the time zone periods follow
	 * @return the period's bounds and id
	 */
	public Bucket bucket(Instant at, ZoneId zone) {
		ZonedDateTime start = start(at.atZone(zone));
		// An hour's id carries its offset: the repeated hour when clocks go back is
		// another hour
		return new Bucket(this, start.toInstant(), next(start).toInstant(), this.id.format(start));
	}

	abstract ZonedDateTime start(ZonedDateTime at);

	abstract ZonedDateTime next(ZonedDateTime start);

	/**
	 * One period: a calendar hour, day or month.
	 *
	 * @param period the kind of period
	 * @param start its first instant
	 * @param end the first instant after it
	 * @param id its name in keys ({@code 2026-12-03T14Z}, {@code 2026-12-03},
	 * {@code 2026-12})
	 */
	public record Bucket(UsagePeriod period, Instant start, Instant end, String id) {

		/**
		 * The period after this one.
		 * @param zone the time zone periods follow
		 * @return the next period
		 */
		public Bucket next(ZoneId zone) {
			return this.period.bucket(this.end, zone);
		}

		/**
		 * Whether the period holds an instant.
		 * @param at the instant
		 * @return whether it lies in {@code [start, end)}
		 */
		public boolean contains(Instant at) {
			return !at.isBefore(this.start) && at.isBefore(this.end);
		}

	}

}
