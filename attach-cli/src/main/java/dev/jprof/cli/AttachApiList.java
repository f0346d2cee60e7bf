package dev.jprof.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.HashMap;
import java.util.Map;

/** The attach API's view of local JVMs; only loaded when {@code jdk.attach} is present. */
final class AttachApiList {
    private AttachApiList() {
    }

    static Map<Long, String> list() {
        Map<Long, String> jvms = new HashMap<>();
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            try {
                jvms.put(Long.parseLong(d.id()), d.displayName());
            } catch (NumberFormatException e) {
                // not a local process id
            }
        }
        return jvms;
    }
}
