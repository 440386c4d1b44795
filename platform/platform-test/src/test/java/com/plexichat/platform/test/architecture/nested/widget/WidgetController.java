package com.plexichat.platform.test.architecture.nested.widget;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WidgetController {

    @GetMapping("/widgets/1")
    WidgetResponse get() {
        return new WidgetResponse(1, List.of());
    }
}
