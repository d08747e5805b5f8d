import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * SHA-256 (hex) of a text as inserted. Recorded with each use of a standard text, so a span edited by hand
 * afterwards, or a library version changed after the fact, is told apart from the text that was inserted.
 */
export const hashText = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));
