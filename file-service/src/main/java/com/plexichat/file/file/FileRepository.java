package com.plexichat.file.file;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface FileRepository extends JpaRepository<StoredFile, UUID> {

    Page<StoredFile> findByOwnerIdAndContentTypeStartingWith(UUID ownerId, String contentTypePrefix, Pageable page);

    /** The files attached in a conversation (by any message there), whoever owns them. */
    @Query(value = """
                    select f.* from stored_file f
                    where f.content_type like :prefix || '%'
                      and exists (select 1 from file_attachment a where a.file_id = f.id and a.conversation_id = :conversation)
                    """, countQuery = """
                    select count(*) from stored_file f
                    where f.content_type like :prefix || '%'
                      and exists (select 1 from file_attachment a where a.file_id = f.id and a.conversation_id = :conversation)
                    """, nativeQuery = true)
    Page<StoredFile> findAttachedIn(
            @Param("conversation") UUID conversationId, @Param("prefix") String contentTypePrefix, Pageable page);

    @Modifying
    @Query("update StoredFile f set f.thumbnailStatus = :status, f.thumbnailKey = :key where f.id = :id")
    int setThumbnail(@Param("id") UUID id, @Param("status") String status, @Param("key") String key);
}
