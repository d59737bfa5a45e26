package org.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.store.People;

/**
 * r17 finding 10: the use-case page's Attestations table showed a bare "clara" in its By column with EXAMPLE only in the
 * note, the role as its id and the time as a raw ISO instant.
 */
class AttestationsTableTest {
  @TempDir Path dir;

  @Test
  void anExampleSignatureIsMarkedWhereTheSignerIsNamedWithTheRoleAndTimeAsPeopleReadThem() throws Exception {
    try (WebFixture f = new WebFixture(dir)) {
      HttpResponse<String> up = f.postZip(f.token("pat"), f.bundle);
      assertEquals(201, up.statusCode(), up.body());
      People.Principal pat = f.store.people().login("pat", WebFixture.PASSWORD.toCharArray());
      f.store.people().attest(pat, "sepsis-alert", People.AttestedItem.PEER_TRAINING, "EXAMPLE: signed for the case library", null, 4);
      String page = f.getWithCookie("/use-cases/sepsis-alert", WebFixture.sessionCookie(f.formLogin("pat", WebFixture.PASSWORD))).body();
      String table = page.substring(page.indexOf("<section id=\"attestations\">"));
      assertTrue(table.matches("(?s).*<td><strong>EXAMPLE</strong> pat</td><td>product manager</td><td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC</td>.*"), table);
    }
  }
}
