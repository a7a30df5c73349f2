package org.ralf.models.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenMaskerTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "integer|1911|<*>",
                "negative number|-42|<*>",
                "decimal|0.2477829|<*>",
                "key=value number|size=1024|size=<*>",
                "hex with prefix|0x7fed806eb5d|<*>",
                "hex letters only|deadbeefcafe|<*>",
                "ipv4|10.10.34.11|<*>",
                "ipv4 with port after slash|/10.10.34.11:45307|/<*>",
                "ipv6|fe80::1|<*>",
                "mac with digits|00:1a:2b:3c:4d:5e|<*>",
                "mac without digits|aa:bb:cc:dd:ee:ff|<*>",
                "uuid|b9000564-fe1a-409b-b8cc-1e88b294cd1d|<*>",
                "uuid in bracket|b9000564-fe1a-409b-b8cc-1e88b294cd1d]|<*>]",
                "unix path|/etc/httpd/conf/workers2.properties|<*>",
                "bracketed path|(/var/lib/nova/instances/_base/a489c8):|(<*>):",
                "windows path|C:\\Windows\\winsxs\\cbscore.dll|<*>",
                "url keeps its scheme|http://example.com/a?b=1|http://<*>",
                "url with odd scheme|(http://example.com)|<*>",
                "duration|12ms|<*>",
                "duration seconds|3.5s|<*>",
                "size|10KB|<*>",
                "date|2005-06-03|<*>-<*>-<*>",
                "clock time|07:07:00|<*>",
                "day name|Fri|<*>",
                "month name in bracket|[Sun|[<*>",
                "host name with port|proxy.cse.cuhk.edu.hk:5070|<*>",
                "block id with sign|blk_-6952295868487656571|blk_<*>",
                "compound id|appattempt_1445144423722_0020_000001|appattempt_<*>_<*>_<*>",
                "plain word|connection|connection",
                "short name with digit|eth0|eth0",
                "function name with digit|jk2_init()|jk2_init()",
                "java class|org.apache.hadoop.ipc.Server|org.apache.hadoop.ipc.Server",
                "dotted config key|mapred.task.id|mapred.task.id",
                "word with hex letters only|added|added",
            })
    void shouldMaskVariablesByShape(String kind, String token, String expected) {
        // Act
        String masked = TokenMasker.mask(token);

        // Assert
        assertThat(masked).as(kind).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"KB,true", "ms,true", "B),true", "seconds,false", "Bytes,false"})
    void shouldRecogniseUnitTokens(String token, boolean unit) {
        assertThat(TokenMasker.isUnit(token)).isEqualTo(unit);
    }
}
