package dev.jbpfc.frontend.parse;

import dev.jbpfc.grammar.CParser;
import dev.jbpfc.source.SourceFile;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.atn.DecisionInfo;
import org.antlr.v4.runtime.atn.PredictionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/** Manual: java ... DecisionProfile FILE.i — which grammar decisions cost the most prediction time. */
public final class DecisionProfile {
    public static void main(String[] args) throws Exception {
        SourceFile f = new SourceFile(args[0], Files.readString(Path.of(args[0])));
        TypedefTable typedefs = new TypedefTable();
        CTokenStream stream = new CTokenStream(PreprocessedFile.tokens(f), typedefs);
        CParser parser = new CParser(stream);
        parser.removeErrorListeners();
        parser.hooks = typedefs;
        parser.setProfile(true);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        while (stream.LA(1) != org.antlr.v4.runtime.Token.EOF) parser.externalDeclaration();
        DecisionInfo[] infos = parser.getParseInfo().getDecisionInfo();
        Arrays.sort(infos, Comparator.comparingLong((DecisionInfo d) -> d.timeInPrediction).reversed());
        for (int i = 0; i < 25; i++) {
            DecisionInfo d = infos[i];
            String rule = CParser.ruleNames[parser.getATN().decisionToState.get(d.decision).ruleIndex];
            System.out.printf("decision %d (%s): invocations=%d time=%dms sllLook=%d sllMax=%d atnTransitions=%d llFallback=%d%n",
                    d.decision, rule, d.invocations, d.timeInPrediction / 1_000_000, d.SLL_TotalLook, d.SLL_MaxLook,
                    d.SLL_ATNTransitions, d.LL_Fallback);
        }
    }
}
