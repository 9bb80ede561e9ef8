package io.livepeerpool.ledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LargestRemainderTest {
    private static final String A = "0xa000000000000000000000000000000000000001";
    private static final String B = "0xb000000000000000000000000000000000000002";
    private static final String C = "0xc000000000000000000000000000000000000003";

    private static SortedMap<String, BigInteger> weights(Object... keyAndWeight) {
        TreeMap<String, BigInteger> map = new TreeMap<>();
        for (int i = 0; i < keyAndWeight.length; i += 2) {
            map.put((String) keyAndWeight[i], BigInteger.valueOf((Integer) keyAndWeight[i + 1]));
        }
        return map;
    }

    @Test
    void leftoverGoesToTheLargestRemainder() {
        // 100 over 1:2:4 (W = 7): 100/7 = 14 r 2, 200/7 = 28 r 4, 400/7 = 57 r 1; 99 assigned, 1 left -> B.
        SortedMap<String, BigInteger> shares = LargestRemainder.split(BigInteger.valueOf(100), weights(A, 1, B, 2, C, 4));

        assertThat(shares).containsExactly(Map.entry(A, BigInteger.valueOf(14)), Map.entry(B, BigInteger.valueOf(29)),
                Map.entry(C, BigInteger.valueOf(57)));
    }

    @Test
    void equalRemaindersGoToTheLowerAddressFirst() {
        // 5 over 2:2:3 (W = 7): 10/7 = 1 r 3, 10/7 = 1 r 3, 15/7 = 2 r 1; 4 assigned, 1 left; A and B tie -> A.
        SortedMap<String, BigInteger> shares = LargestRemainder.split(BigInteger.valueOf(5), weights(B, 2, C, 3, A, 2));

        assertThat(shares).containsExactly(Map.entry(A, BigInteger.TWO), Map.entry(B, BigInteger.ONE),
                Map.entry(C, BigInteger.TWO));
    }

    @Test
    void threeWayTieGivesTheTwoLeftoverWeiToTheTwoLowestAddresses() {
        // 11 over 1:1:1: 3 r 2 each; 2 left -> A and B.
        SortedMap<String, BigInteger> shares = LargestRemainder.split(BigInteger.valueOf(11), weights(C, 1, B, 1, A, 1));

        assertThat(shares).containsExactly(Map.entry(A, BigInteger.valueOf(4)), Map.entry(B, BigInteger.valueOf(4)),
                Map.entry(C, BigInteger.valueOf(3)));
    }

    @Test
    void largerRemainderBeatsLowerAddress() {
        // 5 over A:B:C = 3:3:1 (W = 7): 15/7 = 2 r 1 twice, 5/7 = 0 r 5; 4 assigned, 1 left -> C (r 5), although
        // A and B have lower addresses.
        SortedMap<String, BigInteger> shares = LargestRemainder.split(BigInteger.valueOf(5), weights(C, 1, A, 3, B, 3));

        assertThat(shares).containsExactly(Map.entry(A, BigInteger.TWO), Map.entry(B, BigInteger.TWO),
                Map.entry(C, BigInteger.ONE));
    }

    @Test
    void exactSplitsAndZeroAmountsHaveNoLeftover() {
        assertThat(LargestRemainder.split(BigInteger.valueOf(70), weights(A, 1, B, 2, C, 4)).values())
                .containsExactly(BigInteger.TEN, BigInteger.valueOf(20), BigInteger.valueOf(40));
        assertThat(LargestRemainder.split(BigInteger.ZERO, weights(A, 1, B, 2)).values())
                .containsOnly(BigInteger.ZERO);
    }

    @Test
    void refusesNothingToSplitOver() {
        assertThatThrownBy(() -> LargestRemainder.split(BigInteger.ONE, new TreeMap<>()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
