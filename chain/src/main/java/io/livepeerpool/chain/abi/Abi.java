package io.livepeerpool.chain.abi;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Solidity ABI helpers built on canonical signatures ({@code name(type1,type2)}, tuples as {@code (a,b)}), so the
 * selector of every call is visible in the source and checked against the compiled ABI by a test.
 */
public final class Abi {
    private Abi() {
    }

    /** 4-byte function selector, {@code 0x} + 8 hex digits, of a canonical signature. */
    public static String selector(String signature) {
        return "0x" + HexFormat.of().formatHex(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8)), 0, 4);
    }

    /** topic0 of an event, {@code 0x} + 64 hex digits, of its canonical signature. */
    public static String topic(String eventSignature) {
        return Hash.sha3String(eventSignature);
    }

    /** Call data: selector of {@code signature} followed by the ABI encoding of {@code args}. */
    @SuppressWarnings("rawtypes")
    public static String call(String signature, Type... args) {
        return selector(signature) + FunctionEncoder.encodeConstructor(List.<Type>of(args));
    }

    /** Constructor arguments appended to creation bytecode. */
    @SuppressWarnings("rawtypes")
    public static String deployData(String bytecode, Type... constructorArgs) {
        return Numeric.prependHexPrefix(Numeric.cleanHexPrefix(bytecode)
                + FunctionEncoder.encodeConstructor(List.<Type>of(constructorArgs)));
    }
}
