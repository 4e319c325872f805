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

package io.github.redisutils.core.codec;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import javax.crypto.SecretKey;

import io.github.redisutils.core.codec.TestValues.Order;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ValueCodec} and {@link DefaultValueCodec}.
 *
 * @author redis-utils authors
 */
class ValueCodecTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final SecretKey KEY_A = TestValues.key(0x0A, 32);

	private static final SecretKey KEY_B = TestValues.key(0x0B, 16);

	private static final int COMPRESSION_THRESHOLD = 64;

	/**
	 * About 3.6 MB of JSON.
	 */
	private static final List<Order> LARGE_VALUE = TestValues.orders(20_000);

	private static final ParameterizedTypeReference<List<Order>> LIST_OF_ORDERS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<Map<String, Order>> MAP_OF_ORDERS = new ParameterizedTypeReference<>() {
	};

	private final ValueCodec defaultCodec = ValueCodec.create(MAPPER, CodecOptions.defaults());

	static List<Combination> combinations() {
		List<Combination> combinations = new ArrayList<>();
		for (ValueFormat format : ValueFormat.values()) {
			for (boolean compressed : new boolean[] { false, true }) {
				for (boolean encrypted : new boolean[] { false, true }) {
					combinations.add(new Combination(format, compressed, encrypted));
				}
			}
		}
		return combinations;
	}

	static List<Sample> samples() {
		return List.of(new Sample("a record", TestValues.order(1), (codec, bytes) -> codec.decode(bytes, Order.class)),
				new Sample("a list of records", TestValues.orders(3),
						(codec, bytes) -> codec.decode(bytes, LIST_OF_ORDERS)),
				new Sample("a map of records", Map.of("a", TestValues.order(1), "b", TestValues.order(2)),
						(codec, bytes) -> codec.decode(bytes, MAP_OF_ORDERS)),
				new Sample("a list of records read by java.lang.reflect.Type", TestValues.orders(2),
						(codec, bytes) -> codec.decode(bytes, listOfOrdersType())),
				new Sample("a string", "Grüße, 世界, \"quoted\", \u0000 and \uD83D\uDE00",
						(codec, bytes) -> codec.decode(bytes, String.class)),
				new Sample("an empty string", "", (codec, bytes) -> codec.decode(bytes, String.class)),
				new Sample("an int", 42, (codec, bytes) -> codec.decode(bytes, Integer.class)),
				new Sample("a long", Long.MIN_VALUE, (codec, bytes) -> codec.decode(bytes, Long.class)),
				new Sample("a double", 3.25e-300, (codec, bytes) -> codec.decode(bytes, Double.class)),
				new Sample("a big decimal", new BigDecimal("12345678901234567890.123456789"),
						(codec, bytes) -> codec.decode(bytes, BigDecimal.class)),
				new Sample("a boolean", true, (codec, bytes) -> codec.decode(bytes, Boolean.class)),
				new Sample("a byte array", new byte[] { 0, 1, (byte) 0xD5, -1 },
						(codec, bytes) -> codec.decode(bytes, byte[].class)),
				new Sample("null", null, (codec, bytes) -> codec.decode(bytes, Order.class)),
				new Sample("an empty list", List.of(), (codec, bytes) -> codec.decode(bytes, LIST_OF_ORDERS)),
				new Sample("an empty map", Map.of(), (codec, bytes) -> codec.decode(bytes, MAP_OF_ORDERS)),
				new Sample("a large value", LARGE_VALUE, (codec, bytes) -> codec.decode(bytes, LIST_OF_ORDERS)));
	}

	static Stream<Arguments> combinationsAndSamples() {
		return combinations().stream()
			.flatMap((combination) -> samples().stream().map((sample) -> Arguments.of(combination, sample)));
	}

	static Stream<Arguments> writerAndReaderCombinations() {
		return combinations().stream()
			.flatMap((writer) -> combinations().stream().map((reader) -> Arguments.of(writer, reader)));
	}

	private static Type listOfOrdersType() {
		return ResolvableType.forClassWithGenerics(List.class, Order.class).getType();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("combinationsAndSamples")
	void valueRoundTrips(Combination combination, Sample sample) {
		ValueCodec codec = combination.writer();
		byte[] bytes = codec.encode(sample.value());
		assertThat(sample.decoder().apply(codec, bytes)).isEqualTo(sample.value());
	}

	@ParameterizedTest(name = "written with {0}, read with {1}")
	@MethodSource("writerAndReaderCombinations")
	void valueWrittenWithOneCombinationIsReadableWithEveryOther(Combination writer, Combination reader) {
		List<Order> value = TestValues.orders(50);
		byte[] bytes = writer.writer().encode(value);
		ValueCodec readerCodec = reader.reader();
		if (writer.encrypted() && !reader.encrypted()) {
			assertThatExceptionOfType(ValueDecryptionException.class)
				.isThrownBy(() -> readerCodec.decode(bytes, LIST_OF_ORDERS))
				.withMessage("Value is encrypted but no encryption key is configured (redis.codec.encryption.key)");
		}
		else {
			assertThat(readerCodec.decode(bytes, LIST_OF_ORDERS)).isEqualTo(value);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("combinations")
	void headerRecordsFormatCompressionAndEncryption(Combination combination) {
		byte[] bytes = combination.writer().encode(LARGE_VALUE);
		int formatId = (combination.format() == ValueFormat.JSON) ? 1 : 2;
		int flags = (combination.compressed() ? 0x01 : 0) | (combination.encrypted() ? 0x02 : 0);
		if (formatId == 1 && flags == 0) {
			assertThat(bytes).isEqualTo(MAPPER.writeValueAsBytes(LARGE_VALUE));
		}
		else {
			assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0xD5, 1, formatId, flags);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("combinations")
	void plainJsonWithoutHeaderIsReadByEveryCombination(Combination combination) {
		Order order = TestValues.order(7);
		byte[] json = MAPPER.writeValueAsBytes(order);
		assertThat(json[0]).isEqualTo((byte) '{');
		assertThat(combination.reader().decode(json, Order.class)).isEqualTo(order);
	}

	@Test
	void plainJsonWithLeadingWhitespaceOrScalarsIsRead() {
		assertThat(this.defaultCodec.decode(" \n\t\"text\"".getBytes(StandardCharsets.UTF_8), String.class))
			.isEqualTo("text");
		assertThat(this.defaultCodec.decode("-12".getBytes(StandardCharsets.UTF_8), Integer.class)).isEqualTo(-12);
		assertThat(this.defaultCodec.decode("null".getBytes(StandardCharsets.UTF_8), Order.class)).isNull();
		assertThat(this.defaultCodec.decode("[]".getBytes(StandardCharsets.UTF_8), LIST_OF_ORDERS)).isEmpty();
	}

	@Test
	void defaultCodecWritesExactlyWhatTheJsonMapperWritesWithoutAHeader() {
		Order order = TestValues.order(3);
		byte[] bytes = this.defaultCodec.encode(order);
		assertThat(bytes).isEqualTo(MAPPER.writeValueAsBytes(order));
		assertThat(this.defaultCodec.decode(bytes, Order.class)).isEqualTo(order);
	}

	@Test
	void nullIsEncodedAsJsonNull() {
		byte[] bytes = this.defaultCodec.encode(null);
		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("null");
		assertThat(this.defaultCodec.decode(bytes, String.class)).isNull();
	}

	@Test
	void compressionShrinksLargeCompressibleValue() {
		byte[] plain = this.defaultCodec.encode(LARGE_VALUE);
		byte[] compressed = codec(ValueFormat.JSON, 1024, null).encode(LARGE_VALUE);
		assertThat(compressed[3]).isEqualTo((byte) 0x01);
		assertThat(compressed.length).isLessThan(plain.length / 4);
	}

	@Test
	void compressionIsSkippedBelowThreshold() {
		Order order = TestValues.order(1);
		byte[] plain = this.defaultCodec.encode(order);
		assertThat(plain.length).isLessThan(1024);
		byte[] bytes = codec(ValueFormat.JSON, 1024, null).encode(order);
		assertThat(bytes).isEqualTo(plain);
		assertThat(bytes[0]).isEqualTo((byte) '{');
	}

	@Test
	void compressionAppliesAtExactlyTheThreshold() {
		String value = "a".repeat(100);
		byte[] serialized = this.defaultCodec.encode(value);
		assertThat(codec(ValueFormat.JSON, serialized.length, null).encode(value)[3]).isEqualTo((byte) 0x01);
		assertThat(codec(ValueFormat.JSON, serialized.length + 1, null).encode(value)).isEqualTo(serialized);
	}

	@Test
	void compressionIsDroppedWhenItDoesNotMakeValueSmaller() {
		byte[] random = new byte[4096];
		new Random(42).nextBytes(random);
		// CBOR stores a byte array as raw bytes, which random data leaves incompressible
		ValueCodec codec = codec(ValueFormat.CBOR, 0, null);
		byte[] bytes = codec.encode(random);
		assertThat(bytes[3]).isZero();
		assertThat(codec.decode(bytes, byte[].class)).isEqualTo(random);
	}

	@Test
	void twoEncryptionsOfSameValueDiffer() {
		ValueCodec codec = codec(ValueFormat.JSON, null, new EncryptionKeys(KEY_A, List.of()));
		Order order = TestValues.order(1);
		byte[] first = codec.encode(order);
		byte[] second = codec.encode(order);
		assertThat(first).isNotEqualTo(second);
		// Same header and key id, different IV
		assertThat(Arrays.copyOf(first, 8)).isEqualTo(Arrays.copyOf(second, 8));
		assertThat(Arrays.copyOfRange(first, 8, 20)).isNotEqualTo(Arrays.copyOfRange(second, 8, 20));
		assertThat(codec.decode(first, Order.class)).isEqualTo(order);
		assertThat(codec.decode(second, Order.class)).isEqualTo(order);
	}

	@Test
	void encryptedValueDoesNotContainPlaintext() {
		ValueCodec codec = codec(ValueFormat.JSON, null, new EncryptionKeys(KEY_A, List.of()));
		byte[] bytes = codec.encode("secret-card-number");
		assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
	}

	@Test
	void keyRotationReadsValuesOfPreviousKeyAndWritesWithCurrentKey() {
		ValueCodec before = codec(ValueFormat.JSON, null, new EncryptionKeys(KEY_A, List.of()));
		ValueCodec after = codec(ValueFormat.JSON, null, new EncryptionKeys(KEY_B, List.of(KEY_A)));
		byte[] old = before.encode("value");
		byte[] current = after.encode("value");
		assertThat(after.decode(old, String.class)).isEqualTo("value");
		assertThat(Arrays.copyOfRange(current, 4, 8)).isNotEqualTo(Arrays.copyOfRange(old, 4, 8));
		assertThatExceptionOfType(ValueDecryptionException.class).isThrownBy(() -> before.decode(current, String.class))
			.withMessageMatching("Value is encrypted with key id [0-9a-f]{8} which is not configured "
					+ "\\(redis.codec.encryption.key / previous-keys\\)");
	}

	@Test
	void decodingEmptyBytesFails() {
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(new byte[0], Order.class))
			.withMessageContaining("Value is empty (0 bytes)");
	}

	@Test
	void decodingTruncatedHeaderFails() {
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(new byte[] { (byte) 0xD5, 1, 1 }, String.class))
			.withMessageContaining("Value is truncated")
			.withMessageContaining("3 bytes long, shorter than the 4-byte header");
	}

	@Test
	void decodingHeaderWithoutBodyFails() {
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(new byte[] { (byte) 0xD5, 1, 1, 0 }, String.class))
			.withMessageStartingWith("Could not read JSON as java.lang.String: ");
	}

	@Test
	void decodingUnknownHeaderVersionFails() {
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(withHeader(2, 1, 0, "1"), Integer.class))
			.withMessage("Unsupported value header version 2 (this version of redis-utils reads version 1)");
	}

	@Test
	void decodingUnknownFormatFails() {
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(withHeader(1, 7, 0, "1"), Integer.class))
			.withMessage("Unknown value format id 7 (known: 1 JSON, 2 CBOR)");
	}

	@Test
	void decodingUnknownFlagsFails() {
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(withHeader(1, 1, 0x05, "1"), Integer.class))
			.withMessage("Unknown value header flags 0x4 (known flags: 0x01 compressed, 0x02 encrypted)");
	}

	@Test
	void decodingBadJsonFails() {
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(withHeader(1, 1, 0, "{\"id\": "), Order.class))
			.withMessageStartingWith("Could not read JSON as " + Order.class.getName() + ": ")
			.isNotInstanceOf(ValueDecryptionException.class);
	}

	@Test
	void decodingJsonWithTrailingContentFailsEvenIfMapperAllowsIt() {
		JsonMapper lenient = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
		ValueCodec codec = ValueCodec.create(lenient, CodecOptions.defaults());
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> codec.decode(withHeader(1, 1, 0, "12 34"), Integer.class))
			.withMessageStartingWith("Could not read JSON as java.lang.Integer: ");
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> codec.decode("\"a\"\"b\"".getBytes(StandardCharsets.UTF_8), String.class))
			.withMessageStartingWith("Could not read JSON as java.lang.String: ");
	}

	@Test
	void decodingBadJsonWithoutHeaderSaysThereWasNoHeader() {
		byte[] javaSerialization = { (byte) 0xAC, (byte) 0xED, 0, 5 };
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(javaSerialization, Order.class))
			.withMessageStartingWith("Could not read JSON as " + Order.class.getName());
	}

	@Test
	void decodingBadCborFails() {
		ValueCodec codec = codec(ValueFormat.CBOR, null, null);
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> codec.decode(withHeader(1, 2, 0, "\u00ff\u00ff"), Order.class))
			.withMessageStartingWith("Could not read CBOR as " + Order.class.getName() + ": ");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("combinations")
	void decodingIntoMismatchedTypeFails(Combination combination) {
		ValueCodec codec = combination.writer();
		byte[] bytes = codec.encode(TestValues.order(1));
		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(() -> codec.decode(bytes, Integer.class))
			.withMessageStartingWith("Could not read " + combination.format() + " as java.lang.Integer: ");
		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(() -> codec.decode(bytes, LIST_OF_ORDERS))
			.withMessageContaining("as java.util.List<" + Order.class.getName() + ">: ");
	}

	@Test
	void decodingCiphertextWithFlippedByteFails() {
		ValueCodec codec = codec(ValueFormat.JSON, null, new EncryptionKeys(KEY_A, List.of()));
		byte[] bytes = codec.encode(TestValues.order(1));
		for (int index : new int[] { 8, 20, bytes.length / 2, bytes.length - 1 }) {
			byte[] tampered = bytes.clone();
			tampered[index] ^= 0x01;
			assertThatExceptionOfType(ValueDecryptionException.class)
				.isThrownBy(() -> codec.decode(tampered, Order.class))
				.withMessageContaining("authentication failed, so the value or its header was altered");
		}
	}

	@Test
	void decodingEncryptedValueWithTamperedHeaderFails() {
		ValueCodec codec = codec(ValueFormat.CBOR, null, new EncryptionKeys(KEY_A, List.of()));
		byte[] bytes = codec.encode("value");
		byte[] otherFormat = bytes.clone();
		otherFormat[2] = 1;
		byte[] otherFlags = bytes.clone();
		otherFlags[3] = 0x03;
		assertThatExceptionOfType(ValueDecryptionException.class)
			.isThrownBy(() -> codec.decode(otherFormat, String.class))
			.withMessageContaining("authentication failed");
		assertThatExceptionOfType(ValueDecryptionException.class)
			.isThrownBy(() -> codec.decode(otherFlags, String.class))
			.withMessageContaining("authentication failed");
	}

	@Test
	void decodingWithWrongKeyFails() {
		byte[] bytes = codec(ValueFormat.JSON, null, new EncryptionKeys(KEY_A, List.of())).encode("value");
		ValueCodec other = codec(ValueFormat.JSON, null, new EncryptionKeys(KEY_B, List.of()));
		assertThatExceptionOfType(ValueDecryptionException.class).isThrownBy(() -> other.decode(bytes, String.class))
			.withMessageContaining("which is not configured (redis.codec.encryption.key / previous-keys)");
	}

	@Test
	void decodingEncryptedValueWithoutKeysFails() {
		byte[] bytes = codec(ValueFormat.JSON, null, new EncryptionKeys(KEY_A, List.of())).encode("value");
		assertThatExceptionOfType(ValueDecryptionException.class)
			.isThrownBy(() -> this.defaultCodec.decode(bytes, String.class))
			.withMessage("Value is encrypted but no encryption key is configured (redis.codec.encryption.key)");
	}

	@Test
	void decodingTruncatedEncryptedValueFails() {
		ValueCodec codec = codec(ValueFormat.JSON, null, new EncryptionKeys(KEY_A, List.of()));
		byte[] bytes = codec.encode("value");
		byte[] truncated = Arrays.copyOf(bytes, 4 + 4 + 12 + 15);
		assertThatExceptionOfType(ValueDecryptionException.class)
			.isThrownBy(() -> codec.decode(truncated, String.class))
			.withMessageContaining("Encrypted value is truncated");
		byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
		assertThatExceptionOfType(ValueDecryptionException.class).isThrownBy(() -> codec.decode(cut, String.class))
			.withMessageContaining("authentication failed");
	}

	@Test
	void decodingCorruptCompressedValueFails() {
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(withHeader(1, 1, 0x01, "{\"not\":\"deflated\"}"), String.class))
			.withMessageStartingWith("Compressed value is corrupt: ");
	}

	@Test
	void decodingTruncatedCompressedValueFails() {
		byte[] bytes = codec(ValueFormat.JSON, 0, null).encode(LARGE_VALUE);
		byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(truncated, LIST_OF_ORDERS))
			.withMessageStartingWith("Compressed value is truncated");
	}

	@Test
	void decompressionBombIsRefused() {
		byte[] header = { (byte) 0xD5, 1, 1, 0x01 };
		byte[] bomb = deflateZeros(DeflateCompression.DEFAULT_MAX_INFLATED_SIZE + 1);
		byte[] bytes = new byte[header.length + bomb.length];
		System.arraycopy(header, 0, bytes, 0, header.length);
		System.arraycopy(bomb, 0, bytes, header.length, bomb.length);
		assertThat(bytes.length).isLessThan(1024 * 1024);
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.defaultCodec.decode(bytes, String.class))
			.withMessage("Compressed value inflates to more than the maximum of 67108864 bytes; "
					+ "refusing to decompress it");
	}

	@Test
	void creatingCborCodecWithoutCborOnClasspathFails() {
		CodecOptions options = new CodecOptions(ValueFormat.CBOR, null, null);
		assertThatIllegalStateException()
			.isThrownBy(() -> DefaultValueCodec.create(MAPPER, options, new FilteredClassLoader(CBORMapper.class)))
			.withMessageContaining("tools.jackson.dataformat:jackson-dataformat-cbor");
	}

	@Test
	void decodingCborValueWithoutCborOnClasspathFails() {
		byte[] bytes = codec(ValueFormat.CBOR, null, null).encode("value");
		ValueCodec jsonOnly = DefaultValueCodec.create(MAPPER, CodecOptions.defaults(),
				new FilteredClassLoader(CBORMapper.class));
		assertThat(jsonOnly.decode(jsonOnly.encode("value"), String.class)).isEqualTo("value");
		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(() -> jsonOnly.decode(bytes, String.class))
			.withMessage("Value is stored as CBOR but tools.jackson.dataformat:jackson-dataformat-cbor is not on "
					+ "the classpath; add that dependency to read it");
	}

	@Test
	void cborMapperFollowsJsonMapperConfiguration() {
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		ValueCodec codec = ValueCodec.create(snakeCase, new CodecOptions(ValueFormat.CBOR, null, null));
		Order order = TestValues.order(5);
		byte[] bytes = codec.encode(order);
		Map<String, Object> properties = new CBORMapper().readValue(bytes, 4, bytes.length - 4,
				new TypeReference<Map<String, Object>>() {
				});
		assertThat(properties).containsKey("created_at").doesNotContainKey("createdAt");
		assertThat(codec.decode(bytes, Order.class)).isEqualTo(order);
	}

	@Test
	void encodingValueJacksonCannotWriteFails() {
		assertThatExceptionOfType(ValueEncodingException.class)
			.isThrownBy(() -> this.defaultCodec.encode(new Unwritable()))
			.withMessageStartingWith("Could not write " + Unwritable.class.getName() + " as JSON: ");
	}

	@Test
	void codecIsSafeToShareBetweenThreads() throws Exception {
		ValueCodec codec = codec(ValueFormat.JSON, 0, new EncryptionKeys(KEY_A, List.of()));
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				int offset = thread * 1000;
				results.add(executor.submit(() -> {
					int matches = 0;
					for (int i = 0; i < 500; i++) {
						Order order = TestValues.order(offset + i);
						if (order.equals(codec.decode(codec.encode(order), Order.class))) {
							matches++;
						}
					}
					return matches;
				}));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get(1, TimeUnit.MINUTES)).isEqualTo(500);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void toStringShowsSettingsButNoKeyMaterial() {
		ValueCodec codec = codec(ValueFormat.CBOR, 512, new EncryptionKeys(KEY_A, List.of(KEY_B)));
		assertThat(codec.toString()).matches("ValueCodec\\[format=CBOR, compressionThreshold=512, "
				+ "encryption=EncryptionKeys\\[current=[0-9a-f]{8}, previous=\\[[0-9a-f]{8}]]]");
	}

	@Test
	void equalMapsEncodeToEqualBytesWhateverTheirIterationOrder() {
		Map<String, Object> one = new LinkedHashMap<>();
		one.put("b", 1);
		one.put("a", Map.of("z", 1, "y", 2));
		Map<String, Object> two = new LinkedHashMap<>();
		two.put("a", new TreeMap<>(Map.of("y", 2, "z", 1)));
		two.put("b", 1);
		assertThat(this.defaultCodec.encode(one)).isEqualTo(this.defaultCodec.encode(two));
		assertThat(new String(this.defaultCodec.encode(one), StandardCharsets.UTF_8))
			.isEqualTo("{\"a\":{\"y\":2,\"z\":1},\"b\":1}");
	}

	@Test
	void theCanonicalFormIsEqualForEqualValuesWhateverTheirEncoding() {
		String value = "x".repeat(200);
		byte[] plain = codec(ValueFormat.JSON, null, null).encode(value);
		byte[] compressed = codec(ValueFormat.JSON, 16, null).encode(value);
		ValueCodec encrypting = codec(ValueFormat.JSON, null, new EncryptionKeys(KEY_A, List.of()));
		byte[] encrypted = encrypting.encode(value);
		assertThat(compressed).isNotEqualTo(plain);
		assertThat(encrypting.encode(value)).as("a nonce per value").isNotEqualTo(encrypted);
		assertThat(encrypting.canonical(compressed)).isEqualTo(encrypting.canonical(plain))
			.isEqualTo(encrypting.canonical(encrypted));
		assertThat(encrypting.canonical(encrypting.encode("other"))).isNotEqualTo(encrypting.canonical(plain));
		byte[] cbor = codec(ValueFormat.CBOR, null, null).encode(value);
		assertThat(encrypting.canonical(cbor)).as("another format is another form")
			.isNotEqualTo(encrypting.canonical(plain));
	}

	private static ValueCodec codec(ValueFormat format, @Nullable Integer threshold, @Nullable EncryptionKeys keys) {
		return ValueCodec.create(MAPPER, new CodecOptions(format, threshold, keys));
	}

	private static byte[] withHeader(int version, int format, int flags, String body) {
		byte[] bodyBytes = body.getBytes(StandardCharsets.ISO_8859_1);
		byte[] bytes = new byte[4 + bodyBytes.length];
		bytes[0] = (byte) 0xD5;
		bytes[1] = (byte) version;
		bytes[2] = (byte) format;
		bytes[3] = (byte) flags;
		System.arraycopy(bodyBytes, 0, bytes, 4, bodyBytes.length);
		return bytes;
	}

	private static byte[] deflateZeros(int size) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] chunk = new byte[1024 * 1024];
			byte[] buffer = new byte[64 * 1024];
			int remaining = size;
			while (remaining > 0) {
				int length = Math.min(chunk.length, remaining);
				deflater.setInput(chunk, 0, length);
				remaining -= length;
				while (!deflater.needsInput()) {
					out.write(buffer, 0, deflater.deflate(buffer));
				}
			}
			deflater.finish();
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	/**
	 * A combination of settings a value can be written with.
	 *
	 * @param format the format
	 * @param compressed whether compression is on
	 * @param encrypted whether encryption is on
	 */
	record Combination(ValueFormat format, boolean compressed, boolean encrypted) {

		/**
		 * A codec that writes with these settings and {@code KEY_A}.
		 * @return the codec
		 */
		ValueCodec writer() {
			return codec(this.format, this.compressed ? COMPRESSION_THRESHOLD : null,
					this.encrypted ? new EncryptionKeys(KEY_A, List.of()) : null);
		}

		/**
		 * A codec with these settings that has rotated from {@code KEY_A} to
		 * {@code KEY_B}, so {@code KEY_A} is only available as a previous key.
		 * @return the codec
		 */
		ValueCodec reader() {
			return codec(this.format, this.compressed ? COMPRESSION_THRESHOLD : null,
					this.encrypted ? new EncryptionKeys(KEY_B, List.of(KEY_A)) : null);
		}

		@Override
		public String toString() {
			return this.format + (this.compressed ? "+deflate" : "") + (this.encrypted ? "+aes" : "");
		}

	}

	/**
	 * A value and how to read it back.
	 *
	 * @param name what the value is
	 * @param value the value
	 * @param decoder reads the value with a codec
	 */
	record Sample(String name, @Nullable Object value, BiFunction<ValueCodec, byte[], @Nullable Object> decoder) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("Getter fails");
		}

	}

}
