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
package io.github.redisutils.core;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.data.redis.RedisSystemException;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisCalls}' classification, with the error texts Redis 6.2 and 7 send
 * (copied from real servers), converted the way Spring Data Redis converts them.
 *
 * @author redis-utils authors
 */
class RedisCallsTests {

	private static final String OOM_62 = "ERR Error running script (call to f_82cdd3d7ab6b96f9a5947917c9f163ca06cc907a): "
			+ "@user_script:1: @user_script: 1: -OOM command not allowed when used memory > 'maxmemory'. ";

	private static final String OOM_7 = "OOM command not allowed when used memory > 'maxmemory'. script: "
			+ "82cdd3d7ab6b96f9a5947917c9f163ca06cc907a, on @user_script:1.";

	@ParameterizedTest
	@ValueSource(strings = { OOM_62, OOM_7, "OOM command not allowed when used memory > 'maxmemory'.",
			"LOADING Redis is loading the dataset in memory", "BUSY Redis is busy running a script.",
			"MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
			"READONLY You can't write against a read only replica.",
			"ERR Error running script (call to f_1): @user_script:3: @user_script: 3: -READONLY You can't write against a read only replica. ",
			"READONLY You can't write against a read only replica. script: 1, on @user_script:3.",
			"NOREPLICAS Not enough good replicas to write.", "CLUSTERDOWN The cluster is down",
			"TRYAGAIN Multiple keys request during rehashing of slot",
			"MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.",
			"ERR Error running script (call to f_1): @user_script:1: @user_script: 1: -MISCONF Errors writing to disk " })
	void serverErrorsOfAServerThatCannotServeAreOutagesKeepingTheServerText(String serverText) {
		assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> RedisCalls.call(() -> fail(serverText), "decide a rate limit", "rl:{k}"))
			.withMessageContaining("decide a rate limit")
			.withMessageContaining("rl:{k}")
			.withMessageContaining(serverText.strip());
	}

	@ParameterizedTest
	@ValueSource(strings = { "NOPERM this user has no permissions to run the 'set' command or its subcommand",
			"NOPERM this user has no permissions to run the 'evalsha' command",
			"NOPERM User limited has no permissions to run the 'set' command",
			"ERR Error running script (call to f_1): @user_script:1: @user_script: 1: The user executing the script can't run this command or subcommand ",
			"ERR The user executing the script can't run this command or subcommand script: 82cd, on @user_script:1.",
			"ERR The user executing the script can't access at least one of the keys mentioned in the command script: 1, on @user_script:1." })
	void aclRefusalsArePermissionErrorsAndNeverOutages(String serverText) {
		assertThatExceptionOfType(RedisPermissionException.class)
			.isThrownBy(() -> RedisCalls.call(() -> fail(serverText), "check a token"))
			.withMessageContaining(serverText.strip())
			.isNotInstanceOf(RedisUnavailableException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ERR Error running script (call to f_824d): @user_script:12: user_script:12: MALFORMED la",
			"ERR user_script:12: MALFORMED la script: 824de85f042bd40c7c07bde0c11f20d32a88af2f, on @user_script:12.",
			"MALFORMED la" })
	void aScriptReportingAMalformedFieldNamesTheKeyAndTheField(String serverText) {
		assertThatExceptionOfType(MalformedRedisDataException.class)
			.isThrownBy(() -> RedisCalls.call(() -> fail(serverText), "touch a session", "session:{t}:s"))
			.satisfies((ex) -> {
				assertThat(ex.getKey()).isEqualTo("session:{t}:s");
				assertThat(ex.getField()).isEqualTo("la");
			})
			.withMessageContaining("session:{t}:s");
	}

	@Test
	void wrongTypesAndNonIntegersAreMalformedState() {
		assertThatExceptionOfType(MalformedRedisDataException.class)
			.isThrownBy(() -> RedisCalls
				.call(() -> fail("WRONGTYPE Operation against a key holding the wrong kind of value"), "read", "k"))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("type"));
		assertThatExceptionOfType(MalformedRedisDataException.class)
			.isThrownBy(
					() -> RedisCalls.call(
							() -> fail("ERR Error running script (call to f_1): @user_script:9: "
									+ "@user_script: 9: -ERR value is not an integer or out of range "),
							"acquire", "k"))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("value"));
	}

	@Test
	void otherScriptErrorsAreNeitherOutagesNorPermissionErrors() {
		assertThatExceptionOfType(RedisUtilsException.class)
			.isThrownBy(() -> RedisCalls.call(
					() -> fail("ERR user_script:3: attempt to compare nil with number script: 1, on @user_script:3."),
					"decide a rate limit"))
			.isExactlyInstanceOf(RedisUtilsException.class)
			.withMessageContaining("attempt to compare nil with number");
	}

	@Test
	void connectionFailuresTimeoutsAndAConnectionClosedAtShutdownAreOutages() {
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> RedisCalls
			.call(() -> throwConverted(new RedisConnectionException("Unable to connect to localhost:1")), "read"));
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> RedisCalls
			.call(() -> throwConverted(new RedisCommandTimeoutException("Command timed out after 2 s")), "read"));
		assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> RedisCalls.call(() -> throwConverted(new RedisException("Connection closed")), "read"))
			.withMessageContaining("Connection closed");
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(
				() -> RedisCalls.call(() -> throwConverted(new RedisException("Connection is closed")), "read"));
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> RedisCalls.call(() -> {
			throw new IllegalStateException("LettuceConnectionFactory was destroyed and cannot be used anymore");
		}, "read"));
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> RedisCalls.call(() -> {
			throw new IllegalStateException("LettuceConnectionFactory has been STOPPED. Use start() to initialize it");
		}, "read"));
	}

	@Test
	void failuresThatAreNoRedisFailuresPassUnchanged() {
		IllegalArgumentException bug = new IllegalArgumentException("bad argument");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> RedisCalls.call(() -> {
			throw bug;
		}, "read")).isSameAs(bug);
		assertThat(RedisCalls.translate(bug, "read", null)).isSameAs(bug);
	}

	private static Object fail(String serverText) {
		return throwConverted(new RedisCommandExecutionException(serverText));
	}

	private static final LettuceConnectionFactory TRANSLATOR = new LettuceConnectionFactory();

	private static Object throwConverted(RuntimeException lettuceFailure) {
		DataAccessException converted = TRANSLATOR.translateExceptionIfPossible(lettuceFailure);
		throw (converted != null) ? converted : new RedisSystemException("Error in execution", lettuceFailure);
	}

}
