package diandan.local;

/**
 * A template value the local stack cannot work out as CloudFormation would (an intrinsic function it does not
 * evaluate, an attribute of a deployed resource, a condition or parameter the template lacks): the stack leaves
 * what needs it unset and says so, instead of running on a guessed value.
 */
final class NotResolvedLocally extends RuntimeException {
    NotResolvedLocally(String message) {
        super(message);
    }
}
