package com.plexichat.file.upload;

import com.plexichat.file.storage.ObjectStore.StoredPart;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The parts of a session S3 has acknowledged. {@code JdbcClient}: a part sent again replaces the first ({@code on
 * conflict do update}); S3's own part listing is not available on every S3 API (s3proxy answers it in a form the
 * MinIO client cannot read).
 */
@Repository
class UploadParts {

    record Received(int number, String etag, long size) {}

    private final JdbcClient jdbc;

    UploadParts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void received(UUID sessionId, StoredPart part, long size) {
        jdbc.sql("""
                        insert into upload_part (session_id, part_number, etag, size) values (?, ?, ?, ?)
                        on conflict (session_id, part_number) do update set etag = excluded.etag, size = excluded.size
                        """).params(sessionId, part.number(), part.etag(), size).update();
    }

    List<Received> of(UUID sessionId) {
        return jdbc.sql("select part_number, etag, size from upload_part where session_id = ? order by part_number")
                .param(sessionId)
                .query((rs, n) -> new Received(rs.getInt(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    List<StoredPart> stored(UUID sessionId) {
        return of(sessionId).stream()
                .map(p -> new StoredPart(p.number(), p.etag()))
                .toList();
    }
}
