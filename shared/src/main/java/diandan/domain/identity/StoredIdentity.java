package diandan.domain.identity;

/**
 * How an identity document is kept: a table dump shows the masked number and nothing more. The keyed hash
 * finds a volunteer by document without decrypting anything; the sealed value is the whole number encrypted
 * by a {@link diandan.port.identity.FieldCipher}.
 */
public record StoredIdentity(DocumentType type, String masked, String lookupHash, String sealed) {
}
