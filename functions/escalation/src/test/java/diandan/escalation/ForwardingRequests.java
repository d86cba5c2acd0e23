package diandan.escalation;

import java.util.Optional;

import diandan.domain.ServiceRequest;
import diandan.port.Page;
import diandan.port.RequestQuery;
import diandan.port.RequestRepository;

/** A request repository that passes everything on; tests override one method to interleave a change. */
class ForwardingRequests implements RequestRepository {
    private final RequestRepository delegate;

    ForwardingRequests(RequestRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean create(ServiceRequest request) {
        return delegate.create(request);
    }

    @Override
    public Optional<ServiceRequest> find(String id) {
        return delegate.find(id);
    }

    @Override
    public void replace(ServiceRequest previous, ServiceRequest next) {
        delegate.replace(previous, next);
    }

    @Override
    public Page<ServiceRequest> list(RequestQuery query) {
        return delegate.list(query);
    }
}
