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

package io.github.redisutils.benchmarks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.EncryptionKeys;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.core.codec.ValueFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throughput of {@link ValueCodec} encoding and decoding a small (about 200 bytes of
 * JSON) and a large (about 64 KiB of JSON) record, as plain JSON, JSON compressed from 1
 * KiB on, JSON encrypted with AES-256-GCM, and CBOR. Run it with
 * {@code java -jar redis-utils-benchmarks/target/benchmarks.jar ValueCodecBenchmark}.
 *
 * @author redis-utils authors
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ValueCodecBenchmark {

	private static final int COMPRESSION_THRESHOLD = 1024;

	/**
	 * How values are written.
	 */
	@Param({ "JSON", "JSON_COMPRESSED", "JSON_ENCRYPTED", "CBOR" })
	public String codec;

	/**
	 * Which value is written.
	 */
	@Param({ "SMALL", "LARGE" })
	public String size;

	private ValueCodec valueCodec;

	private Object value;

	private Class<?> type;

	private byte[] encoded;

	@Setup(Level.Trial)
	public void setUp() {
		this.valueCodec = ValueCodec.create(JsonMapper.builder().build(), options(this.codec));
		Random random = new Random(42);
		if ("SMALL".equals(this.size)) {
			this.value = item(random, 0);
			this.type = Item.class;
		}
		else {
			List<Item> items = new ArrayList<>();
			for (int i = 0; i < 320; i++) {
				items.add(item(random, i));
			}
			this.value = new Catalog("catalog-1", "Spring collection", items);
			this.type = Catalog.class;
		}
		this.encoded = this.valueCodec.encode(this.value);
		// Printed once per trial so that the stored sizes can be quoted next to the
		// figures
		System.out.println(this.codec + " " + this.size + ": " + this.encoded.length + " bytes stored");
	}

	@Benchmark
	public byte[] encode() {
		return this.valueCodec.encode(this.value);
	}

	@Benchmark
	public Object decode() {
		return this.valueCodec.decode(this.encoded, this.type);
	}

	private static CodecOptions options(String codec) {
		return switch (codec) {
			case "JSON" -> CodecOptions.defaults();
			case "JSON_COMPRESSED" -> new CodecOptions(ValueFormat.JSON, COMPRESSION_THRESHOLD, null);
			case "JSON_ENCRYPTED" -> new CodecOptions(ValueFormat.JSON, null,
					EncryptionKeys.fromBase64(Base64.getEncoder().encodeToString(new byte[32]), List.of()));
			case "CBOR" -> new CodecOptions(ValueFormat.CBOR, null, null);
			default -> throw new IllegalArgumentException("Unknown codec " + codec);
		};
	}

	private static Item item(Random random, int index) {
		return new Item("item-" + index, "Product " + word(random) + " " + word(random),
				"A " + word(random) + " " + word(random) + " for " + word(random) + " users",
				BigDecimal.valueOf(100 + random.nextInt(100_000), 2), List.of(word(random), word(random)),
				random.nextInt(1000), Instant.ofEpochSecond(1_700_000_000L + random.nextInt(10_000_000)));
	}

	private static String word(Random random) {
		String letters = "abcdefghijklmnopqrstuvwxyz";
		StringBuilder word = new StringBuilder();
		int length = 4 + random.nextInt(6);
		for (int i = 0; i < length; i++) {
			word.append(letters.charAt(random.nextInt(letters.length())));
		}
		return word.toString();
	}

	/**
	 * A small record, about 200 bytes of JSON.
	 *
	 * @param id the id
	 * @param name the name
	 * @param description the description
	 * @param price the price
	 * @param tags the tags
	 * @param stock units in stock
	 * @param updatedAt when it was last changed
	 */
	public record Item(String id, String name, String description, BigDecimal price, List<String> tags, int stock,
			Instant updatedAt) {
	}

	/**
	 * A large record, about 64 KiB of JSON.
	 *
	 * @param id the id
	 * @param title the title
	 * @param items the items
	 */
	public record Catalog(String id, String title, List<Item> items) {
	}

}
