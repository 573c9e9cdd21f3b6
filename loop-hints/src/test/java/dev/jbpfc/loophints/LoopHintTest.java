package dev.jbpfc.loophints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LoopHintTest {
    @Test
    void encodesAndDecodesBothLimitKinds() {
        LoopHint reg = new LoopHint(1, "counted-up", 5, 14, 6, 32, false, LoopHint.Compare.LT, 1,
                LoopHint.Limit.register(7), 0, 0xffffffffL);
        String text = "jbpfc.loop/1:counted-up:start=5,end=14,iv=r6,width=32,signed=u,cmp=lt,step=1,limit=r7,init=0,trips=4294967295";
        assertEquals(text, reg.encode());
        assertEquals(reg, LoopHint.decode(text));
        LoopHint big = new LoopHint(1, "counted-down", 0, 3, 9, 64, true, LoopHint.Compare.GE, 2,
                LoopHint.Limit.constant(-7), 100, -1L);
        assertEquals(big, LoopHint.decode(big.encode()));
        assertEquals("18446744073709551615", big.encode().replaceAll(".*trips=", ""));
    }

    @Test
    void rejectsEveryMalformedForm() {
        String good = "jbpfc.loop/1:counted-up:start=5,end=14,iv=r6,width=32,signed=u,cmp=lt,step=1,limit=r7,init=0,trips=9";
        String[] bad = {
            "jbpfc.loop/2:counted-up:" + good.split(":", 3)[2],
            good.replace("counted-up", "Counted"),
            good.replace(",trips=9", ""),
            good + ",trips=9",
            good.replace("iv=r6", "iv=r10"),
            good.replace("width=32", "width=16"),
            good.replace("signed=u", "signed=x"),
            good.replace("cmp=lt", "cmp=ne"),
            good.replace("step=1", "step=0"),
            good.replace("start=5", "start=-1"),
            good.replace("trips=9", "trips=18446744073709551616"),
            good.replace("init=0", "init=0x10"),
            good.replace("limit=r7", "limit=r"),
            good.replace(",", ";"),
            "jbpfc.loop/1",
        };
        for (String b : bad) assertThrows(LoopHintFormatException.class, () -> LoopHint.decode(b), b);
    }
}
